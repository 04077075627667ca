/*
 * assets.h - files compiled into the binary (see LIAISON_ASSETS in
 * CMakeLists.txt): the OpenAPI document and the demo data set.
 */
#ifndef LIAISON_CORE_ASSETS_H
#define LIAISON_CORE_ASSETS_H

#include <stddef.h>

struct asset {
	const char *data; /* NUL-terminated, static */
	size_t len;
};

struct asset assets_openapi_json(void);
struct asset assets_demo_organisations(void);
struct asset assets_demo_events(void);

#endif
