/*
 * assets.h - files compiled into the binary (see LIAISON_ASSETS in
 * CMakeLists.txt): the OpenAPI document, the demo data set, the
 * thesaurus of data/thesaurus/ and the browser UI's pack.
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
struct asset assets_demo_desk(void);
struct asset assets_demo_indicators(void);
struct asset assets_demo_challenge(void);
/* data/demo/network.json (the desk's partners and experts), data/demo/series.json (past editions of the fair) */
struct asset assets_demo_network(void);
struct asset assets_demo_series(void);
struct asset assets_thesaurus(void);

/*
 * The browser UI built by web/build.mjs: pack.bin (every file, plain then
 * gzip'd, back to back) and its index pack.json ({"files": [{"path",
 * "type", "immutable", "offset", "length", "gzip_offset", "gzip_length"}]}),
 * whose offsets point into pack.bin. Without a built UI the index lists no
 * file and the pack is empty.
 */
struct asset assets_web_pack(void);
struct asset assets_web_index(void);

#endif
