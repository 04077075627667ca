/*
 * assets.h - files compiled into the binary (see LIAISON_ASSETS in
 * CMakeLists.txt): the OpenAPI document, the demo data set and the
 * thesaurus of data/thesaurus/.
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
/* data/demo/accounts.json: the demo accounts, one per role (README.md). */
struct asset assets_demo_accounts(void);
struct asset assets_thesaurus(void);

#endif
