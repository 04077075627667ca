/*
 * notice.c - the messages a workflow queues in the notification outbox
 * (store/outbox.h; `liaison send` delivers them), written inside the
 * workflow's own transaction: a notice is queued exactly when what it
 * tells of is stored.
 *
 * Each message is in its recipient's language (the first of their
 * languages the catalogues below have: Chinese, English, French or
 * German, else English), as text and as HTML made from the same text.
 *
 * Meeting requests: the invitee hears of a new request, the requester of
 * an answer, and of a cancellation the side that did not cancel.
 */
#include "service/service_int.h"

#include "core/buf.h"
#include "core/jsonx.h"
#include "store/outbox.h"

#include <stdio.h>
#include <string.h>

/* The catalogue: one message text per key, in English and Chinese; {name} marks a value. */
static const struct {
	const char *key, *en, *zh;
} catalogue[] = {
	{"request.created.subject", "{event}: {name} asks to meet you",
	 "{event}：{name} 请求与您会面"},
	{"request.accept.subject", "{event}: {name} accepted your meeting request",
	 "{event}：{name} 接受了您的会面请求"},
	{"request.decline.subject", "{event}: {name} declined your meeting request",
	 "{event}：{name} 婉拒了您的会面请求"},
	{"request.cancel.subject", "{event}: meeting request cancelled by {name}",
	 "{event}：{name} 取消了会面请求"},
	{"request.created.body",
	 "{name} ({organisation}) asks to meet you at {event}.\n\nMessage: {message}\n\n"
	 "Accept or decline it in liaison (meeting request {id}).",
	 "{name}（{organisation}）请求在{event}与您会面。\n\n留言：{message}\n\n"
	 "请在 liaison 中接受或婉拒（会面请求 {id}）。"},
	{"request.accept.body",
	 "{name} ({organisation}) accepted your meeting request at {event}: the meeting will be"
	 " in your schedule once the organisers publish it.\n\nYour message: {message}\n\n"
	 "Meeting request {id}.",
	 "{name}（{organisation}）接受了您在{event}的会面请求：主办方发布日程后，会面将出现在您的日程中。"
	 "\n\n您的留言：{message}\n\n会面请求 {id}。"},
	{"request.decline.body",
	 "{name} ({organisation}) declined your meeting request at {event}.\n\n"
	 "Your message: {message}\n\nMeeting request {id}.",
	 "{name}（{organisation}）婉拒了您在{event}的会面请求。\n\n您的留言：{message}\n\n"
	 "会面请求 {id}。"},
	{"request.cancel.body",
	 "{name} ({organisation}) cancelled the meeting request at {event}.\n\n"
	 "Message: {message}\n\nMeeting request {id}.",
	 "{name}（{organisation}）取消了在{event}的会面请求。\n\n留言：{message}\n\n会面请求 {id}。"},
	{"reminder.subject", "{event}: meeting with {name} at {time}",
	 "{event}：{time} 与{name}会面"},
	{"reminder.body",
	 "Your meeting with {name} ({organisation}) starts in {minutes} minutes: {time} your time"
	 " ({zone}).\n\nWhere: {place}\n\n{event}",
	 "您与{name}（{organisation}）的会面将在 {minutes} 分钟后开始：您当地时间 {time}（{zone}）。"
	 "\n\n地点：{place}\n\n{event}"},
	{"announcement.subject", "{event}: {subject}", "{event}：{subject}"},
	{"announcement.body", "{text}\n\n{event}", "{text}\n\n{event}"},
	{"schedule.subject", "{event}: your schedule is published ({count} meetings)",
	 "{event}：您的会面日程已发布（{count} 场会面）"},
	{"schedule.body",
	 "Hello {name},\n\nyour meetings at {event}, in your time zone ({zone}):\n\n{meetings}\n"
	 "The attached schedule.ics holds them for your calendar; your agenda in liaison"
	 " stays up to date.",
	 "{name}，您好：\n\n您在{event}的会面如下（您的时区：{zone}）：\n\n{meetings}\n"
	 "附件 schedule.ics 可导入您的日历；liaison 中的日程会随时更新。"},
	{"survey.subject", "{event}: how did your meetings go?", "{event}：您的会面情况如何？"},
	{"survey.body",
	 "Hello {name},\n\nthank you for taking part in {event}. For each of your meetings,"
	 " please tell us in liaison what became of it: it did not take place, insufficient"
	 " interest, informative but no cooperation planned, or cooperation possible. It takes a"
	 " minute and helps the organisers follow up.",
	 "{name}，您好：\n\n感谢您参加{event}。请在 liaison 中为每场会面填写结果：未举行、兴趣不足、"
	 "有收获但暂无合作计划，或有合作可能。只需一分钟，有助于主办方后续跟进。"},
	{"nudge.subject", "{event}: no meetings yet? Three partners to meet",
	 "{event}：还没有会面？为您推荐三个合作伙伴"},
	{"nudge.body",
	 "Hello {name},\n\nyou have no meetings at {event} yet. These participants suit your"
	 " organisation best:\n\n{partners}\nAsk them for a meeting in liaison (Who to meet).",
	 "{name}，您好：\n\n您在{event}还没有会面。以下参会机构与您的机构最为匹配：\n\n{partners}\n"
	 "请在 liaison 的“推荐伙伴”中向他们发出会面请求。"},
	{"case.resolved.subject", "Your enquiry #{id} is resolved: {subject}",
	 "您的咨询 #{id} 已解决：{subject}"},
	{"case.resolved.body",
	 "Hello,\n\nthe cooperation desk has resolved your enquiry #{id} \"{subject}\".\n\n"
	 "How satisfied are you with the answer? Rate it (1 to 5) on the enquiry's page in"
	 " liaison (My enquiries); if something is still open, reopen it there.",
	 "您好：\n\n合作服务台已解决您的咨询 #{id}“{subject}”。\n\n"
	 "您对答复满意吗？请在 liaison 的“我的咨询”中为其评分（1 至 5 分）；"
	 "如仍有未解决的问题，可在那里重新打开。"},
	{"place.table", "table {table}", "{table} 号桌"},
	{"place.online", "online (the room's link is in your agenda)", "线上（会议室链接见您的日程）"},
	{"none", "-", "无"},
	{"footer", "You receive this because you take part in an event on liaison;"
		   " your account page says which messages you receive.",
	 "您收到此邮件是因为您参加了 liaison 上的活动；可在账户页面设置接收哪些通知。"},
};

/*
 * French and German, by the same keys: a key missing here is sent in
 * English (the same texts where the words are the same: "{text}", "-").
 */
static const struct {
	const char *key, *fr, *de;
} catalogue_fr_de[] = {
	{"request.created.subject",
	 "{event} : {name} souhaite vous rencontrer",
	 "{event}: {name} möchte Sie treffen"},
	{"request.accept.subject",
	 "{event} : {name} a accepté votre demande de rendez-vous",
	 "{event}: {name} hat Ihre Terminanfrage angenommen"},
	{"request.decline.subject",
	 "{event} : {name} a décliné votre demande de rendez-vous",
	 "{event}: {name} hat Ihre Terminanfrage abgelehnt"},
	{"request.cancel.subject",
	 "{event} : demande de rendez-vous annulée par {name}",
	 "{event}: Terminanfrage von {name} zurückgezogen"},
	{"request.created.body",
	 "{name} ({organisation}) souhaite vous rencontrer à {event}.\n"
	 "\nMessage : {message}\n\nAcceptez-la ou déclinez-la dans liaison (demande "
	 "de rendez-vous {id}).",
	 "{name} ({organisation}) möchte Sie bei {event} treffen.\n"
	 "\nNachricht: {message}\n\nNehmen Sie die Anfrage in liaison an oder "
	 "lehnen Sie sie ab (Terminanfrage {id})."},
	{"request.accept.body",
	 "{name} ({organisation}) a accepté votre demande de rendez-vous à {event} "
	 ": le rendez-vous figurera dans votre programme dès que les organisateurs "
	 "l'auront publié.\n\nVotre message : {message}\n"
	 "\nDemande de rendez-vous {id}.",
	 "{name} ({organisation}) hat Ihre Terminanfrage bei {event} angenommen: "
	 "Der Termin erscheint in Ihrem Programm, sobald die Veranstalter es veröffentlichen.\n"
	 "\nIhre Nachricht: {message}\n\nTerminanfrage {id}."},
	{"request.decline.body",
	 "{name} ({organisation}) a décliné votre demande de rendez-vous à {event}.\n"
	 "\nVotre message : {message}\n\nDemande de rendez-vous {id}.",
	 "{name} ({organisation}) hat Ihre Terminanfrage bei {event} abgelehnt.\n"
	 "\nIhre Nachricht: {message}\n\nTerminanfrage {id}."},
	{"request.cancel.body",
	 "{name} ({organisation}) a annulé la demande de rendez-vous à {event}.\n"
	 "\nMessage : {message}\n\nDemande de rendez-vous {id}.",
	 "{name} ({organisation}) hat die Terminanfrage bei {event} zurückgezogen.\n"
	 "\nNachricht: {message}\n\nTerminanfrage {id}."},
	{"reminder.subject",
	 "{event} : rendez-vous avec {name} à {time}",
	 "{event}: Termin mit {name} um {time}"},
	{"reminder.body",
	 "Votre rendez-vous avec {name} ({organisation}) commence dans {minutes} "
	 "minutes : {time}, votre heure ({zone}).\n"
	 "\nLieu : {place}\n\n{event}",
	 "Ihr Termin mit {name} ({organisation}) beginnt in {minutes} Minuten: "
	 "{time} Ihrer Zeit ({zone}).\n\nOrt: {place}\n"
	 "\n{event}"},
	{"announcement.subject",
	 "{event} : {subject}",
	 "{event}: {subject}"},
	{"schedule.subject",
	 "{event} : votre programme est publié ({count} rendez-vous)",
	 "{event}: Ihr Terminplan ist veröffentlicht ({count} Termine)"},
	{"schedule.body",
	 "Bonjour {name},\n\nvoici vos rendez-vous à {event}, dans votre fuseau "
	 "horaire ({zone}) :\n\n{meetings}\nLe fichier joint schedule.ics les "
	 "contient pour votre agenda ; votre programme dans liaison reste à jour.",
	 "Guten Tag {name},\n\nIhre Termine bei {event} in Ihrer Zeitzone ({zone}):\n"
	 "\n{meetings}\nDie angehängte Datei schedule.ics enthält sie für Ihren "
	 "Kalender; Ihr Programm in liaison bleibt aktuell."},
	{"survey.subject",
	 "{event} : comment se sont passés vos rendez-vous ?",
	 "{event}: Wie sind Ihre Termine verlaufen?"},
	{"survey.body",
	 "Bonjour {name},\n\nmerci d'avoir participé à {event}. Pour chacun de "
	 "vos rendez-vous, indiquez-nous dans liaison ce qu'il en est advenu : "
	 "il n'a pas eu lieu, intérêt insuffisant, instructif mais sans coopération "
	 "prévue, ou coopération possible. Cela prend une minute et aide les organisateurs "
	 "à assurer le suivi.",
	 "Guten Tag {name},\n\nvielen Dank für Ihre Teilnahme an {event}. Bitte "
	 "teilen Sie uns in liaison für jeden Ihrer Termine mit, was daraus geworden "
	 "ist: nicht stattgefunden, zu geringes Interesse, informativ, aber keine "
	 "Zusammenarbeit geplant, oder Zusammenarbeit möglich. Das dauert eine "
	 "Minute und hilft den Veranstaltern bei der Nachbereitung."},
	{"nudge.subject",
	 "{event} : pas encore de rendez-vous ? Trois partenaires à rencontrer",
	 "{event}: Noch keine Termine? Drei Partner zum Kennenlernen"},
	{"nudge.body",
	 "Bonjour {name},\n\nvous n'avez encore aucun rendez-vous à {event}. Ces "
	 "participants correspondent le mieux à votre organisation :\n"
	 "\n{partners}\nDemandez-leur un rendez-vous dans liaison (Qui rencontrer).",
	 "Guten Tag {name},\n\nSie haben bei {event} noch keine Termine. Diese "
	 "Teilnehmer passen am besten zu Ihrer Organisation:\n"
	 "\n{partners}\nBitten Sie sie in liaison um einen Termin (Wen treffen)."},
	{"case.resolved.subject",
	 "Votre demande n° {id} est résolue : {subject}",
	 "Ihre Anfrage #{id} ist erledigt: {subject}"},
	{"case.resolved.body",
	 "Bonjour,\n\nle guichet de coopération a résolu votre demande n° {id} "
	 "« {subject} ».\n\nÊtes-vous satisfait de la réponse ? Notez-la (de 1 "
	 "à 5) sur la page de la demande dans liaison (Mes demandes) ; si un point "
	 "reste ouvert, rouvrez-la depuis cette page.",
	 "Guten Tag,\n\ndas Kooperationsbüro hat Ihre Anfrage #{id} „{subject}“ "
	 "erledigt.\n\nWie zufrieden sind Sie mit der Antwort? Bewerten Sie sie "
	 "(1 bis 5) auf der Seite der Anfrage in liaison (Meine Anfragen); ist "
	 "noch etwas offen, öffnen Sie sie dort wieder."},
	{"place.table",
	 "table {table}",
	 "Tisch {table}"},
	{"place.online",
	 "en ligne (le lien de la salle est dans votre programme)",
	 "online (der Link zum Raum steht in Ihrem Programm)"},
	{"footer",
	 "Vous recevez ce message parce que vous participez à un événement sur "
	 "liaison ; la page de votre compte indique quels messages vous recevez.",
	 "Sie erhalten diese Nachricht, weil Sie an einer Veranstaltung auf liaison "
	 "teilnehmen; auf Ihrer Kontoseite legen Sie fest, welche Nachrichten "
	 "Sie erhalten."},
};

/* The catalogue's languages, the first ones a person's "languages" name. */
static const char *const notice_langs[] = {"zh", "en", "fr", "de", NULL};

const char *service_notice_lang(const json_t *person)
{
	const json_t *langs = json_object_get(person, "languages");

	for (size_t i = 0; i < json_array_size(langs); i++) {
		const char *l = json_string_value(json_array_get(langs, i));

		for (const char *const *c = notice_langs; l && *c; c++)
			if (strncmp(l, *c, 2) == 0 && (l[2] == '\0' || l[2] == '-'))
				return *c;
	}
	return "en";
}

const char *service_notice_msg(const char *lang, const char *key)
{
	int fr = strcmp(lang, "fr") == 0;

	if (fr || strcmp(lang, "de") == 0)
		for (size_t i = 0; i < sizeof(catalogue_fr_de) / sizeof(catalogue_fr_de[0]); i++)
			if (strcmp(catalogue_fr_de[i].key, key) == 0)
				return fr ? catalogue_fr_de[i].fr : catalogue_fr_de[i].de;
	for (size_t i = 0; i < sizeof(catalogue) / sizeof(catalogue[0]); i++)
		if (strcmp(catalogue[i].key, key) == 0)
			return strcmp(lang, "zh") == 0 ? catalogue[i].zh : catalogue[i].en;
	return key;
}

int service_notice_fill(struct buf *out, const char *text, const json_t *values)
{
	int rc = 0;

	while (!rc && *text) {
		const char *open = strchr(text, '{'), *close = open ? strchr(open, '}') : NULL;
		char name[32];
		const json_t *v;

		if (!open || !close || (size_t)(close - open) >= sizeof(name))
			return buf_puts(out, text);
		rc = buf_append(out, text, (size_t)(open - text));
		snprintf(name, sizeof(name), "%.*s", (int)(close - open - 1), open + 1);
		v = json_object_get(values, name);
		if (!rc && json_is_string(v))
			rc = buf_puts(out, json_string_value(v));
		else if (!rc && json_is_integer(v))
			rc = buf_printf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		else if (!rc)
			rc = buf_puts(out, "-");
		text = close + 1;
	}
	return rc;
}

/* Appends text as HTML: escaped, paragraphs at blank lines, <br> at line ends. */
static int html_of(struct buf *out, const char *text)
{
	int rc = buf_puts(out, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>"
			       "<body style=\"font-family:sans-serif\"><p>");

	for (const char *p = text; !rc && *p; p++) {
		if (p[0] == '\n' && p[1] == '\n') {
			rc = buf_puts(out, "</p>\n<p>");
			p++;
		} else if (*p == '\n') {
			rc = buf_puts(out, "<br>\n");
		} else if (*p == '<') {
			rc = buf_puts(out, "&lt;");
		} else if (*p == '>') {
			rc = buf_puts(out, "&gt;");
		} else if (*p == '&') {
			rc = buf_puts(out, "&amp;");
		} else if (*p == '"') {
			rc = buf_puts(out, "&quot;");
		} else {
			rc = buf_append(out, p, 1);
		}
	}
	return rc ? rc : buf_puts(out, "</p></body></html>\n");
}

int service_notice_queue(struct store *s, const json_t *reader, const char *kind,
			 const char *subject_key, const char *body_key, const json_t *values,
			 const struct service_attachment *att, int64_t by, struct err *e)
{
	const char *lang = service_notice_lang(reader);
	struct buf subject, text, html;
	struct store_mail m = {.to = jsonx_str(reader, "email"), .kind = kind, .by = by};
	int rc;

	if (!m.to)
		return 0; /* no address: no message */
	buf_init(&subject, 998);
	buf_init(&text, 200000);
	buf_init(&html, 400000);
	rc = service_notice_fill(&subject, service_notice_msg(lang, subject_key), values);
	if (!rc)
		rc = service_notice_fill(&text, service_notice_msg(lang, body_key), values);
	if (!rc)
		rc = buf_printf(&text, "\n\n-- \n%s\n", service_notice_msg(lang, "footer"));
	if (!rc)
		rc = html_of(&html, text.data);
	if (rc) {
		rc = err_set(e, ERR_TOO_LARGE, "message", "the notice is too long");
	} else {
		m.subject = subject.data;
		m.text = text.data;
		m.html = html.data;
		if (att) {
			m.attachment_name = att->name;
			m.attachment_type = att->type;
			m.attachment = att->content;
		}
		rc = store_outbox_queue(s, &m, e);
	}
	buf_release(&subject);
	buf_release(&text);
	buf_release(&html);
	return rc;
}

/* The rows a notice is written from: *author, *reader and *event, owned. */
static int notice_rows(struct store *s, const json_t *request, int64_t from, int64_t to,
		       json_t **author, json_t **reader, json_t **event, struct err *e)
{
	int64_t ev = json_integer_value(json_object_get(request, "event_id"));
	int rc;

	*author = *reader = *event = NULL;
	rc = store_get(s, STORE_PERSON, from, author, e);
	if (!rc)
		rc = store_get(s, STORE_PERSON, to, reader, e);
	if (!rc)
		rc = store_get(s, STORE_EVENT, ev, event, e);
	return rc;
}

/* The name of person's organisation (a new reference, "" when unknown). */
json_t *service_notice_org(struct store *s, const json_t *person)
{
	json_t *org = NULL, *name;
	struct err e;

	err_clear(&e);
	if (store_get(s, STORE_ORGANISATION,
		      json_integer_value(json_object_get(person, "organisation_id")), &org, &e))
		return json_string("");
	name = json_incref(json_object_get(org, "name"));
	json_decref(org);
	return name ? name : json_string("");
}

int service_notice_request(struct store *s, const struct auth_principal *by,
			   const json_t *request, const char *what, struct err *e)
{
	int64_t from = json_integer_value(json_object_get(request, "requester_id"));
	int64_t to = json_integer_value(json_object_get(request, "invitee_id"));
	const char *message = jsonx_str(request, "message");
	json_t *author, *reader, *event, *values;
	char subject[48], body[48];
	int rc;

	if (strcmp(what, "accept") == 0 || strcmp(what, "decline") == 0 ||
	    (strcmp(what, "cancel") == 0 && by->person == to)) {
		int64_t t = from;

		from = to;
		to = t;
	}
	rc = notice_rows(s, request, from, to, &author, &reader, &event, e);
	if (!rc && jsonx_str(reader, "email")) {
		const char *lang = service_notice_lang(reader);

		snprintf(subject, sizeof(subject), "request.%s.subject", what);
		snprintf(body, sizeof(body), "request.%s.body", what);
		values = json_pack("{s:O, s:O, s:o, s:s, s:O}", "event", json_object_get(event, "name"),
				   "name", json_object_get(author, "name"), "organisation",
				   service_notice_org(s, author), "message",
				   message ? message : service_notice_msg(lang, "none"), "id",
				   json_object_get(request, "id"));
		rc = service_notice_queue(s, reader, "meeting_request", subject, body, values, NULL,
					  by->account, e);
		json_decref(values);
	}
	json_decref(author);
	json_decref(reader);
	json_decref(event);
	return rc;
}
