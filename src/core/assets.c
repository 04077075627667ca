/*
 * assets.c - access to the files embedded by assets.S (.incbin).
 */
#include "core/assets.h"

extern const char asset_openapi_json[], asset_openapi_json_end[];
extern const char asset_demo_organisations[], asset_demo_organisations_end[];
extern const char asset_demo_events[], asset_demo_events_end[];
extern const char asset_demo_accounts[], asset_demo_accounts_end[];
extern const char asset_demo_desk[], asset_demo_desk_end[];
extern const char asset_demo_indicators[], asset_demo_indicators_end[];
extern const char asset_demo_challenge[], asset_demo_challenge_end[];
extern const char asset_demo_network[], asset_demo_network_end[];
extern const char asset_demo_series[], asset_demo_series_end[];
extern const char asset_thesaurus[], asset_thesaurus_end[];
extern const char asset_web_pack[], asset_web_pack_end[];
extern const char asset_web_index[], asset_web_index_end[];

#define ASSET(name) ((struct asset){asset_##name, (size_t)(asset_##name##_end - asset_##name)})

struct asset assets_openapi_json(void)
{
	return ASSET(openapi_json);
}

struct asset assets_demo_organisations(void)
{
	return ASSET(demo_organisations);
}

struct asset assets_demo_events(void)
{
	return ASSET(demo_events);
}

struct asset assets_demo_accounts(void)
{
	return ASSET(demo_accounts);
}

struct asset assets_demo_desk(void)
{
	return ASSET(demo_desk);
}

struct asset assets_demo_indicators(void)
{
	return ASSET(demo_indicators);
}

struct asset assets_demo_challenge(void)
{
	return ASSET(demo_challenge);
}

struct asset assets_demo_network(void)
{
	return ASSET(demo_network);
}

struct asset assets_demo_series(void)
{
	return ASSET(demo_series);
}

struct asset assets_thesaurus(void)
{
	return ASSET(thesaurus);
}

struct asset assets_web_pack(void)
{
	return ASSET(web_pack);
}

struct asset assets_web_index(void)
{
	return ASSET(web_index);
}
