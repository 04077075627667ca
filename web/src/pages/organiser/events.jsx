// events.jsx - "Which events do I run?": the events I organise (admins: all).
import { useState } from 'preact/hooks';
import { get } from '../../api.js';
import { t, zoneCity } from '../../i18n.js';
import { account, isAdmin, organisedEvents } from '../../session.js';
import { Page, Pager, Status, useLoad } from '../../ui.jsx';
import { eventDates } from './lib.jsx';
import { SignedOut } from './guard.jsx';

function EventCard({ ev }) {
	const base = `/organise/events/${ev.id}`;
	return (
		<li class="card">
			<h2 class="card-title">
				<a href={`${base}/dashboard`}>{ev.name}</a>
			</h2>
			<p class="meta">
				{t('org.events.meta', {
					dates: eventDates(ev) || t('org.noDates'),
					place: ev.city || ev.venue || '—',
					zone: ev.time_zone,
					city: zoneCity(ev.time_zone),
					mode: ev.mode,
				})}
			</p>
			<p class="meta">
				{t('org.events.counts', { slots: (ev.slots || []).length, tables: ev.tables || 0 })}
				{ev.schedule_published_at ? ' · ' + t('org.events.published') : ' · ' + t('org.events.unpublished')}
			</p>
			<ul class="links" aria-label={t('org.events.pagesOf', { name: ev.name })}>
				{['settings', 'registrations', 'schedule', 'grid', 'dashboard'].map((s) => (
					<li key={s}>
						<a href={`${base}/${s}`}>{t('org.section.' + s)}</a>
					</li>
				))}
			</ul>
		</li>
	);
}

export default function Events() {
	const me = account.value;
	const admin = isAdmin();
	const mine = organisedEvents();
	const [cursor, setCursor] = useState(undefined);
	const state = useLoad(async () => {
		if (!me) return { items: [], next: null };
		if (admin) return get('/events', { limit: 20, cursor });
		const items = await Promise.all(mine.map((id) => get(`/events/${id}`).catch(() => null)));
		return { items: items.filter(Boolean), next: null };
	}, [me && me.id, admin, cursor, mine.join(',')]);
	if (me === undefined) return null;
	if (me === null) return <SignedOut title={t('org.events.title')} />;
	const items = (state.data && state.data.items) || [];
	return (
		<Page
			title={t('org.events.title')}
			context={admin ? t('org.events.contextAdmin') : t('org.events.context', { count: mine.length })}
			actions={
				admin ? (
					<a class="button" href="/organise/events/new">
						{t('org.events.new')}
					</a>
				) : null
			}
		>
			<Status state={state} empty={state.data && !items.length ? t('org.events.empty') : null}>
				<ul class="cards">
					{items.map((ev) => (
						<EventCard ev={ev} key={ev.id} />
					))}
				</ul>
				<Pager next={state.data && state.data.next} atStart={!cursor} onNext={setCursor} onFirst={() => setCursor(undefined)} />
			</Status>
		</Page>
	);
}
