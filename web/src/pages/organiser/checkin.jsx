// checkin.jsx - "Who has arrived?": the desk's check-in (a badge's QR code
// scanned into the field, or its printed code typed), the live attendance
// count (GET /events/{id}/attendance, every 5 seconds), the badges' PDF,
// and an announcement to every participant.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, post } from '../../api.js';
import { t } from '../../i18n.js';
import { account } from '../../session.js';
import { Field, FormError, Page, Status, errorText, useForm } from '../../ui.jsx';
import { EventNav, contextLine, useEvent } from './lib.jsx';
import { SignedOut } from './guard.jsx';

// The attendance figures, refreshed every 5 seconds while shown (and at once after `bump` changes).
export function AttendanceCount({ eventId, bump }) {
	const [a, setA] = useState(null);
	useEffect(() => {
		if (!eventId) return undefined;
		let live = true;
		const load = () =>
			get(`/events/${eventId}/attendance`).then(
				(x) => live && setA(x),
				() => {},
			);
		load();
		const timer = setInterval(load, 5000);
		return () => {
			live = false;
			clearInterval(timer);
		};
	}, [eventId, bump]);
	if (!a) return null;
	return (
		<p class="stat-line" role="status" aria-live="polite">
			{t('checkin.counts', { checked: a.checked_in, registered: a.registered, onsite: a.onsite, online: a.online })}
		</p>
	);
}

function Desk({ eventId, onDone }) {
	const form = useForm({ token: '' });
	const [last, setLast] = useState(null);
	const input = useRef(null);
	const onSubmit = async (ev) => {
		ev.preventDefault();
		setLast(null);
		const token = form.values.token.trim();
		const res = await form.submit(() => post(`/events/${eventId}/check-in`, { token }));
		if (res) {
			setLast(res);
			form.setValues({ token: '' });
			onDone();
		}
		if (input.current) input.current.focus();
	};
	return (
		<form class="card" onSubmit={onSubmit} noValidate aria-labelledby="desk-title">
			<h2 id="desk-title">{t('checkin.submit')}</h2>
			<FormError error={form.formError} />
			{last && (
				<div class="notice ok" role="status">
					{last.organisation ? t('checkin.doneOrg', { name: last.name, organisation: last.organisation }) : t('checkin.done', { name: last.name })}
				</div>
			)}
			<Field label={t('checkin.tokenLabel')} error={form.errors.token} hint={t('checkin.tokenHint')}>
				{(p) => <input {...p} ref={input} autocomplete="off" autofocus spellcheck={false} value={form.values.token} onInput={form.set('token')} />}
			</Field>
			<button type="submit" disabled={form.busy}>
				{t('checkin.submit')}
			</button>
		</form>
	);
}

function Announce({ eventId }) {
	const form = useForm({ subject: '', body: '' });
	const [done, setDone] = useState(null);
	const onSubmit = async (ev) => {
		ev.preventDefault();
		setDone(null);
		const res = await form.submit((v) => post(`/events/${eventId}/announcements`, v));
		if (res) {
			setDone(res.queued);
			form.setValues({ subject: '', body: '' });
		}
	};
	return (
		<form class="card" onSubmit={onSubmit} noValidate aria-labelledby="announce-title">
			<h2 id="announce-title">{t('announce.title')}</h2>
			<FormError error={form.formError} />
			{done !== null && (
				<div class="notice ok" role="status">
					{t('announce.done', { count: done })}
				</div>
			)}
			<Field label={t('announce.subject')} error={form.errors.subject}>
				{(p) => <input {...p} required maxLength={200} value={form.values.subject} onInput={form.set('subject')} />}
			</Field>
			<Field label={t('announce.body')} error={form.errors.body}>
				{(p) => <textarea {...p} required rows={5} value={form.values.body} onInput={form.set('body')} />}
			</Field>
			<button type="submit" disabled={form.busy}>
				{t('announce.submit')}
			</button>
		</form>
	);
}

export default function CheckIn({ params }) {
	const id = params.id;
	const me = account.value;
	const ev = useEvent(id);
	const [bump, setBump] = useState(0);
	const eventId = ev.data && ev.data.id;
	if (me === undefined) return null;
	if (me === null) return <SignedOut title={t('checkin.title')} />;
	return (
		<Page title={t('checkin.title')} context={contextLine(ev.data)}>
			<EventNav id={id} current="check-in" />
			<Status state={ev}>
				{eventId && (
					<>
						<section aria-labelledby="att-title">
							<h2 id="att-title">{t('checkin.attendance')}</h2>
							<AttendanceCount eventId={eventId} bump={bump} />
						</section>
						<div class="two-col">
							<Desk eventId={eventId} onDone={() => setBump((n) => n + 1)} />
							<div class="card">
								<h2>{t('checkin.badges')}</h2>
								<p>
									<a href={`/api/v1/events/${eventId}/badges.pdf`} download={`badges-event-${eventId}.pdf`}>
										{t('checkin.badgesLink')}
									</a>
								</p>
							</div>
						</div>
						<Announce eventId={eventId} />
					</>
				)}
			</Status>
		</Page>
	);
}
