// event.jsx - "What happens at this event?": the public event page. The
// programme of meeting slots in the venue's zone and the viewer's, the
// live stream, and the organisations taking part (names only, no contact
// details). Opening it counts one page view (no cookie, no personal data).
import { useEffect } from 'preact/hooks';
import { ApiError, post } from '../../api.js';
import { t, countryName, formatDate, formatTime, viewerZone, zoneCity, collator } from '../../i18n.js';
import { Page, Status, useLoad } from '../../ui.jsx';
import { account } from '../../session.js';
import { getAll, getEvent, textLang } from './lib.js';
import { kindLabel } from './labels.js';

const counted = new Set();
function countView(id) {
	if (counted.has(id)) return;
	counted.add(id);
	post(`/events/${encodeURIComponent(id)}/views`).catch((e) => {
		// The endpoint may not exist on an older server (404/405): nothing to count then.
		if (!(e instanceof ApiError)) throw e;
	});
}

function dayKey(iso, zone) {
	return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

function Programme({ ev }) {
	const slots = ev.slots || [];
	if (!slots.length) return <p class="empty">{t('event.noSlots')}</p>;
	const venue = ev.time_zone;
	const mine = viewerZone();
	const same = venue === mine;
	const days = [];
	for (const s of slots) {
		const k = dayKey(s.start, venue);
		if (!days.length || days[days.length - 1].key !== k) days.push({ key: k, slots: [] });
		days[days.length - 1].slots.push(s);
	}
	const end = (s) => new Date(new Date(s.start).getTime() + s.minutes * 60000).toISOString();
	return days.map((d) => (
		<details class="day" key={d.key} open>
			<summary>
				<h3 class="inline">{t('event.day', { date: formatDate(d.slots[0].start, venue), count: d.slots.length })}</h3>
			</summary>
			<div class="table-wrap">
				<table>
					<caption class="visually-hidden">{t('event.programmeCaption', { date: formatDate(d.slots[0].start, venue) })}</caption>
					<thead>
						<tr>
							<th scope="col">{t('event.venueTime', { zone: zoneCity(venue) })}</th>
							{!same && <th scope="col">{t('event.yourTime', { zone: zoneCity(mine) })}</th>}
							<th scope="col">{t('event.length')}</th>
						</tr>
					</thead>
					<tbody>
						{d.slots.map((s) => (
							<tr key={s.id}>
								<td>
									{formatTime(s.start, venue)}–{formatTime(end(s), venue)}
								</td>
								{!same && (
									<td>
										{formatTime(s.start, mine)}–{formatTime(end(s), mine)}
										{dayKey(s.start, mine) !== d.key ? ' ' + t('event.otherDay', { date: formatDate(s.start, mine) }) : ''}
									</td>
								)}
								<td>{t('event.minutes', { count: s.minutes })}</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
		</details>
	));
}

// The organisations of the event's registered people: reading
// registrations needs an account (the API has no public list yet).
async function participants(eventId) {
	const regs = await getAll('/registrations', { event: eventId }, 20);
	const people = new Set(regs.filter((r) => r.validation !== 'rejected').map((r) => r.person_id));
	const all = await getAll('/people', {}, 50);
	const orgIds = new Set(all.filter((p) => people.has(p.id)).map((p) => p.organisation_id));
	const orgs = await getAll('/organisations', {}, 50);
	const c = collator();
	return orgs.filter((o) => orgIds.has(o.id)).sort((a, b) => c.compare(a.name, b.name));
}

function Participants({ ev }) {
	const signedIn = !!account.value;
	const state = useLoad(() => (signedIn ? participants(ev.id) : Promise.resolve(null)), [ev.id, signedIn]);
	if (!signedIn)
		return (
			<p class="notice">
				{t('event.participantsSignIn')} <a href={`/sign-in?next=/events/${ev.id}`}>{t('nav.signIn')}</a>
			</p>
		);
	const items = state.data || [];
	return (
		<Status state={state} empty={state.data && !items.length ? t('event.noParticipants') : null}>
			<p class="meta">{t('event.participantCount', { count: items.length })}</p>
			<ul class="org-list">
				{items.map((o) => (
					<li key={o.id}>
						<a href={`/organisations/${o.id}`}>{o.name}</a>
						<span class="meta">
							{' · '}
							{[kindLabel(o.kind), countryName(o.country)].filter(Boolean).join(' · ')}
						</span>
					</li>
				))}
			</ul>
		</Status>
	);
}

export default function EventPage({ params }) {
	useEffect(() => countView(params.id), [params.id]);
	const state = useLoad(() => getEvent(params.id), [params.id]);
	const ev = state.data;
	const first = ev && ev.slots && ev.slots[0];
	return (
		<Page
			title={ev ? ev.name : t('event.title')}
			context={
				ev
					? [t('event.mode.' + ev.mode), ev.venue, ev.city, ev.country && countryName(ev.country), first && formatDate(first.start, ev.time_zone)]
							.filter(Boolean)
							.join(' · ')
					: null
			}
		>
			<Status state={state}>
				{ev && (
					<>
						<p class="meta">{t('event.zoneNote', { zone: zoneCity(ev.time_zone), tz: ev.time_zone })}</p>
						{ev.stream_url && (
							<p>
								<a class="button" href={ev.stream_url} rel="noopener noreferrer">
									{t('event.stream')}
								</a>{' '}
								{account.value && ev.mode !== 'onsite' && <a href={`/join/${encodeURIComponent(params.id)}`}>{t('event.join')}</a>}
							</p>
						)}
						{ev.description &&
							ev.description.split(/\n\s*\n/).map((para, i) => (
								<p key={i} lang={textLang(para, ['en'])}>
									{para}
								</p>
							))}
						{ev.meeting_cap && <p class="meta">{t('event.cap', { count: ev.meeting_cap })}</p>}
						<h2>{t('event.programme')}</h2>
						<Programme ev={ev} />
						<h2>{t('event.participants')}</h2>
						<Participants ev={ev} />
					</>
				)}
			</Status>
		</Page>
	);
}
