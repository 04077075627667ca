/*
 * report_pdf.c - the event report page (report_pdf.h).
 */
#include "export/report_pdf.h"

#include "export/pdf.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define MARGIN 40.0
#define WIDTH (PDF_A4_WIDTH - 2 * MARGIN)
#define ACCENT 0x1f5fa8
#define MUTED 0x555555
#define INK 0x1a1a1a
#define PALE 0xe8eef6

static const struct pdf_font title_font = {18, 1, INK, 0};
static const struct pdf_font h_font = {11.5, 1, ACCENT, 0};
static const struct pdf_font text_font = {9, 0, INK, 0};
static const struct pdf_font small_font = {8, 0, MUTED, 0};
static const struct pdf_font figure_font = {17, 1, ACCENT, 1};
static const struct pdf_font label_font = {7.5, 0, MUTED, 1};
static const struct pdf_font count_font = {8.5, 1, INK, 0};

static json_int_t num(const json_t *obj, const char *path)
{
	char key[64];
	const char *dot = strchr(path, '.');

	if (!dot)
		return json_integer_value(json_object_get(obj, path));
	snprintf(key, sizeof(key), "%.*s", (int)(dot - path), path);
	return num(json_object_get(obj, key), dot + 1);
}

/* The first and last slot days of the event, "2026-05-13 – 2026-05-14". */
static void event_dates(const json_t *event, char *out, size_t n)
{
	const json_t *slots = json_object_get(event, "slots");
	const char *first = json_string_value(json_object_get(json_array_get(slots, 0), "start"));
	const char *last = json_string_value(
		json_object_get(json_array_get(slots, json_array_size(slots) - 1), "start"));

	if (!first || !last)
		snprintf(out, n, "no slots");
	else if (strncmp(first, last, 10) == 0)
		snprintf(out, n, "%.10s", first);
	else
		snprintf(out, n, "%.10s \u2013 %.10s", first, last);
}

static double header(struct pdf *p, const json_t *event, double y)
{
	const char *venue = json_string_value(json_object_get(event, "venue"));
	const char *city = json_string_value(json_object_get(event, "city"));
	const char *tz = json_string_value(json_object_get(event, "time_zone"));
	char line[512], dates[64];

	const char *label = json_string_value(json_object_get(event, "label"));

	pdf_box(p, 0, 0, PDF_A4_WIDTH, 6, ACCENT);
	y += pdf_text(p, MARGIN, y, WIDTH,
		      label ? label : "Event report \u00b7 \u6d3b\u52a8\u62a5\u544a", &small_font,
		      "zh") + 2;
	y += pdf_text(p, MARGIN, y, WIDTH, json_string_value(json_object_get(event, "name")),
		      &title_font, "zh") + 4;
	event_dates(event, dates, sizeof(dates));
	snprintf(line, sizeof(line), "%s%s%s \u00b7 %s%s%s", venue ? venue : "",
		 venue && city ? ", " : "", city ? city : "", dates, tz ? " \u00b7 " : "",
		 tz ? tz : "");
	return y + pdf_text(p, MARGIN, y, WIDTH, line, &text_font, "zh") + 12;
}

/* The eight headline figures, two rows of four boxes. */
static double headlines(struct pdf *p, const json_t *st, double y)
{
	static const struct {
		const char *label, *path;
	} figs[] = {
		{"Participants \u00b7 \u53c2\u4f1a\u8005", "participants.people"},
		{"Organisations \u00b7 \u673a\u6784", "participants.organisations"},
		{"Meeting requests \u00b7 \u6d3d\u8c08\u8bf7\u6c42", "requests.total"},
		{"Acceptance \u00b7 \u63a5\u53d7\u7387", NULL},
		{"Meetings held \u00b7 \u5df2\u4e3e\u884c\u6d3d\u8c08", "meetings.held"},
		/* the answers; the funnel's step also counts meetings an agreement came from */
		{"Answered \u201ccooperation possible\u201d \u00b7 \u7b54\u590d\u6709\u5408\u4f5c\u53ef\u80fd",
		 "outcomes.meetings_cooperation_possible"},
		{"Agreements \u00b7 \u534f\u8bae", "agreements.total"},
		{"Signed \u00b7 \u5df2\u7b7e\u7f72", "agreements.signed"},
	};
	double w = (WIDTH - 3 * 8) / 4, h = 46;

	for (int i = 0; i < 8; i++) {
		double x = MARGIN + (i % 4) * (w + 8), by = y + (i / 4) * (h + 8);
		const json_t *rate = json_object_get(json_object_get(st, "requests"),
						     "acceptance_rate");
		char v[32];

		if (figs[i].path)
			snprintf(v, sizeof(v), "%" JSON_INTEGER_FORMAT, num(st, figs[i].path));
		else if (json_is_number(rate))
			snprintf(v, sizeof(v), "%.0f%%", 100 * json_number_value(rate));
		else
			snprintf(v, sizeof(v), "\u2013");
		pdf_box(p, x, by, w, h, PALE);
		pdf_text(p, x, by + 6, w, v, &figure_font, "en");
		pdf_text(p, x + 2, by + 30, w - 4, figs[i].label, &label_font, "zh");
	}
	return y + 2 * h + 8 + 16;
}

/* Horizontal bars: labels[i] with counts[i], scaled to the largest. */
static double bars(struct pdf *p, double y, const char *const *labels, const json_int_t *counts,
		   int n, uint32_t rgb)
{
	json_int_t max = 1;
	double label_w = 170, bar_w = WIDTH - label_w - 50;
	char v[32];

	for (int i = 0; i < n; i++)
		max = counts[i] > max ? counts[i] : max;
	for (int i = 0; i < n; i++) {
		double w = bar_w * (double)counts[i] / (double)max, h;

		h = pdf_text(p, MARGIN, y, label_w - 6, labels[i], &text_font, "zh");
		pdf_box(p, MARGIN + label_w, y + 1, w > 0.5 ? w : 0.5, 11, rgb);
		snprintf(v, sizeof(v), "%" JSON_INTEGER_FORMAT, counts[i]);
		pdf_text(p, MARGIN + label_w + w + 4, y, 46, v, &count_font, "en");
		y += h + 4 > 16 ? h + 4 : 16;
	}
	return y + 8;
}

static double funnel(struct pdf *p, const json_t *st, double y)
{
	static const char *const labels[] = {
		"Meeting requests \u00b7 \u6d3d\u8c08\u8bf7\u6c42",
		"Meetings \u00b7 \u6d3d\u8c08",
		"Cooperation possible \u00b7 \u6709\u5408\u4f5c\u53ef\u80fd",
		"Letters of intent \u00b7 \u610f\u5411\u4e66",
		"Signed \u00b7 \u5df2\u7b7e\u7f72",
	};
	const json_t *steps = json_object_get(st, "funnel");
	json_int_t counts[5];

	for (int i = 0; i < 5; i++)
		counts[i] = json_integer_value(json_object_get(json_array_get(steps, (size_t)i),
							       "count"));
	y += pdf_text(p, MARGIN, y, WIDTH, "Conversion funnel \u00b7 \u8f6c\u5316\u6f0f\u6597",
		      &h_font, "zh") + 6;
	return bars(p, y, labels, counts, 5, ACCENT);
}

static double outcomes(struct pdf *p, const json_t *st, double y)
{
	static const char *const keys[] = {"cooperation_possible", "informative_no_cooperation",
					   "insufficient_interest", "did_not_take_place"};
	static const char *const labels[] = {
		"Cooperation possible \u00b7 \u6709\u5408\u4f5c\u53ef\u80fd",
		"Informative, no cooperation \u00b7 \u6709\u6536\u83b7\uff0c\u6682\u65e0\u5408\u4f5c",
		"Insufficient interest \u00b7 \u5174\u8da3\u4e0d\u8db3",
		"Did not take place \u00b7 \u672a\u4e3e\u884c",
	};
	const json_t *by = json_object_get(json_object_get(st, "outcomes"), "by_outcome");
	json_int_t counts[4];

	for (int i = 0; i < 4; i++)
		counts[i] = json_integer_value(json_object_get(by, keys[i]));
	y += pdf_text(p, MARGIN, y, WIDTH,
		      "Meeting outcomes (answers of each side) \u00b7 \u6d3d\u8c08\u7ed3\u679c",
		      &h_font, "zh") + 6;
	return bars(p, y, labels, counts, 4, 0x2e8b57);
}

static double countries(struct pdf *p, const json_t *st, double y)
{
	const json_t *by = json_object_get(json_object_get(st, "participants"), "by_country");
	const char *labels[8];
	json_int_t counts[8];
	int n = 0;

	for (; n < 8 && (size_t)n < json_array_size(by); n++) {
		const json_t *row = json_array_get(by, (size_t)n);

		labels[n] = json_string_value(json_object_get(row, "country"));
		counts[n] = json_integer_value(json_object_get(row, "people"));
	}
	y += pdf_text(p, MARGIN, y, WIDTH, "Participants by country \u00b7 \u53c2\u4f1a\u8005\u56fd\u522b",
		      &h_font, "zh") + 6;
	return bars(p, y, labels, counts, n, 0xc77c1e);
}

static double agreement_list(struct pdf *p, const json_t *agreements, double y)
{
	size_t i;
	const json_t *a;

	y += pdf_text(p, MARGIN, y, WIDTH, "Agreements \u00b7 \u534f\u8bae", &h_font, "zh") + 4;
	json_array_foreach(agreements, i, a) {
		const json_t *parties = json_object_get(a, "parties");
		char line[1024];
		size_t o, j;
		const json_t *name;

		if (i >= 12 || y > PDF_A4_HEIGHT - 70)
			break;
		o = (size_t)snprintf(line, sizeof(line), "%s \u00b7 %s \u00b7 %s \u2014 ",
				     json_string_value(json_object_get(a, "kind")),
				     json_string_value(json_object_get(a, "state")),
				     json_is_string(json_object_get(a, "date"))
					     ? json_string_value(json_object_get(a, "date"))
					     : "");
		json_array_foreach(parties, j, name) {
			if (o < sizeof(line))
				o += (size_t)snprintf(line + o, sizeof(line) - o, "%s%s", j ? "; " : "",
						      json_string_value(name));
		}
		y += pdf_text(p, MARGIN, y, WIDTH, json_string_value(json_object_get(a, "title")),
			      &count_font, "zh");
		y += pdf_text(p, MARGIN + 8, y, WIDTH - 8, line, &small_font, "zh") + 4;
	}
	return y;
}

int export_report_pdf(const json_t *event, const json_t *stats, const json_t *agreements,
		      const char *today, struct buf *out, struct err *e)
{
	struct pdf *p;
	char foot[160];
	double y = 26;
	int rc = pdf_open(&p, PDF_A4_WIDTH, PDF_A4_HEIGHT, out, e);

	if (rc)
		return rc;
	y = header(p, event, y);
	y = headlines(p, stats, y);
	y = funnel(p, stats, y);
	y = outcomes(p, stats, y);
	y = countries(p, stats, y);
	agreement_list(p, agreements, y);
	snprintf(foot, sizeof(foot), "liaison \u00b7 %s \u00b7 %" JSON_INTEGER_FORMAT
		 " page views of public event pages", today, num(stats, "page_views"));
	pdf_text(p, MARGIN, PDF_A4_HEIGHT - 30, WIDTH, foot, &small_font, "en");
	return pdf_close(p, e);
}
