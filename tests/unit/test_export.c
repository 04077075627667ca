/*
 * test_export.c - unit tests of src/export: the iCalendar agenda, read
 * back with libical's own parser (one VEVENT per meeting, stable UIDs,
 * UTC times, summary, location, URL, description), its text form (CRLF,
 * escaping, folded lines that keep UTF-8 whole) and bad input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "export/ical.h"

#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>

static const char agenda_text[] =
	"{\"person\": {\"id\": 20, \"name\": \"Mikko Salminen\", \"organisation\": \"City of "
	"Helsinki\", \"time_zone\": \"Europe/Helsinki\"},"
	" \"meetings\": ["
	"  {\"id\": 2, \"event\": {\"id\": 1, \"name\": \"EU–China Fair\", \"time_zone\": "
	"\"Asia/Shanghai\"}, \"slot_id\": 10,"
	"   \"start\": \"2026-05-13T08:30:00+03:00\", \"end\": \"2026-05-13T08:50:00+03:00\","
	"   \"event_start\": \"2026-05-13T13:30:00+08:00\", \"event_end\": "
	"\"2026-05-13T13:50:00+08:00\","
	"   \"start_utc\": \"2026-05-13T05:30:00Z\", \"end_utc\": \"2026-05-13T05:50:00Z\","
	"   \"with\": [{\"id\": 39, \"name\": \"张浩然\", \"organisation\": "
	"\"成都蓉行智慧交通科技有限公司 (Chengdu Rongxing Smart Mobility Technology Co., Ltd.)\"}],"
	"   \"online\": true, \"room_url\": \"https://meet.jit.si/liaison-1-2\","
	"   \"location\": \"https://meet.jit.si/liaison-1-2\", \"updated_at\": "
	"\"2026-04-01T10:00:00Z\"},"
	"  {\"id\": 7, \"event\": {\"id\": 1, \"name\": \"EU–China Fair\", \"time_zone\": "
	"\"Asia/Shanghai\"}, \"slot_id\": 11,"
	"   \"start\": \"2026-05-13T09:00:00+03:00\", \"end\": \"2026-05-13T09:20:00+03:00\","
	"   \"event_start\": \"2026-05-13T14:00:00+08:00\", \"event_end\": "
	"\"2026-05-13T14:20:00+08:00\","
	"   \"start_utc\": \"2026-05-13T06:00:00Z\", \"end_utc\": \"2026-05-13T06:20:00Z\","
	"   \"with\": [{\"id\": 40, \"name\": \"Li; Wang\", \"organisation\": \"Park\"}],"
	"   \"table\": 12, \"location\": \"Table 12, Hall B\", \"updated_at\": "
	"\"2026-04-02T10:00:00Z\"}]}";

static json_t *agenda(void)
{
	json_error_t je;
	json_t *v = json_loads(agenda_text, 0, &je);

	if (!v)
		fail_msg("bad agenda JSON: %s", je.text);
	return v;
}

static char *export_text(const json_t *a, size_t *len)
{
	char *text = NULL;
	struct err e;

	err_clear(&e);
	if (export_ical_agenda(a, &text, len, &e))
		fail_msg("export: %s: %s", e.field, e.msg);
	return text;
}

static icalcomponent *event_with_uid(icalcomponent *cal, const char *uid)
{
	for (icalcomponent *c = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); c;
	     c = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
		if (strcmp(icalcomponent_get_uid(c), uid) == 0)
			return c;
	return NULL;
}

static void test_parses_back(void **state)
{
	json_t *a = agenda();
	size_t len = 0;
	char *text = export_text(a, &len);
	icalcomponent *cal = icalparser_parse_string(text), *ev;
	struct icaltimetype t;

	(void)state;
	assert_non_null(cal);
	assert_int_equal(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
	assert_int_equal(icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 2);
	assert_int_equal(icalcomponent_count_errors(cal), 0);
	ev = event_with_uid(cal, "meeting-2@liaison");
	assert_non_null(ev);
	t = icalcomponent_get_dtstart(ev);
	assert_true(icaltime_is_utc(t));
	assert_int_equal(icaltime_as_timet(t), 1778650200); /* 2026-05-13T05:30:00Z */
	assert_int_equal(icaltime_as_timet(icalcomponent_get_dtend(ev)), 1778651400);
	assert_int_equal(icaltime_as_timet(icalcomponent_get_dtstamp(ev)), 1775037600);
	assert_string_equal(icalcomponent_get_summary(ev),
			    "Meeting with 张浩然 (成都蓉行智慧交通科技有限公司 (Chengdu Rongxing "
			    "Smart Mobility Technology Co., Ltd.))");
	assert_string_equal(icalcomponent_get_location(ev), "https://meet.jit.si/liaison-1-2");
	assert_string_equal(icalproperty_get_url(icalcomponent_get_first_property(ev,
										  ICAL_URL_PROPERTY)),
			    "https://meet.jit.si/liaison-1-2");
	assert_non_null(strstr(icalcomponent_get_description(ev),
			       "Time: 08:30-08:50 (Europe/Helsinki), 13:30-13:50 at the event "
			       "(Asia/Shanghai)"));
	ev = event_with_uid(cal, "meeting-7@liaison");
	assert_non_null(ev);
	assert_string_equal(icalcomponent_get_location(ev), "Table 12, Hall B");
	assert_string_equal(icalcomponent_get_summary(ev), "Meeting with Li; Wang (Park)");
	assert_null(icalcomponent_get_first_property(ev, ICAL_URL_PROPERTY));
	icalcomponent_free(cal);
	free(text);
	json_decref(a);
}

static void test_text_form(void **state)
{
	json_t *a = agenda();
	size_t len = 0;
	char *text = export_text(a, &len), *again;

	(void)state;
	assert_int_equal(strlen(text), len);
	assert_memory_equal(text, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 30);
	assert_non_null(strstr(text, "\r\nPRODID:-//liaison//"));
	assert_non_null(strstr(text, "\r\nSUMMARY:Meeting with Li\\; Wang (Park)\r\n"));
	assert_non_null(strstr(text, "\r\nDTSTART:20260513T053000Z\r\n"));
	assert_non_null(strstr(text, "END:VCALENDAR\r\n"));
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n')
			assert_true(i > 0 && text[i - 1] == '\r');
		/* a folded line never starts inside a UTF-8 sequence */
		if (i >= 2 && text[i - 2] == '\n' && text[i - 1] == ' ')
			assert_true(((unsigned char)text[i] & 0xc0) != 0x80);
	}
	/* the same agenda gives the same text: UIDs and stamps are stable */
	again = export_text(a, &len);
	assert_string_equal(text, again);
	free(again);
	free(text);
	json_decref(a);
}

static void test_bad_input(void **state)
{
	json_t *a = agenda();
	char *text = (char *)"x";
	size_t len = 1;
	struct err e;

	(void)state;
	json_object_del(json_array_get(json_object_get(a, "meetings"), 1), "end_utc");
	assert_int_equal(export_ical_agenda(a, &text, &len, &e), ERR_INVALID);
	assert_string_equal(e.field, "meetings[1].end_utc");
	assert_null(text);
	assert_int_equal(len, 0);
	json_decref(a);
	a = json_pack("{s:[]}", "meetings");
	assert_int_equal(export_ical_agenda(a, &text, &len, &e), 0);
	assert_non_null(strstr(text, "BEGIN:VCALENDAR"));
	assert_null(strstr(text, "VEVENT"));
	free(text);
	json_decref(a);
	a = json_object();
	assert_int_equal(export_ical_agenda(a, &text, &len, &e), ERR_INVALID);
	assert_string_equal(e.field, "meetings");
	json_decref(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parses_back),
		cmocka_unit_test(test_text_form),
		cmocka_unit_test(test_bad_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
