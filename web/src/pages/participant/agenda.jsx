// agenda.jsx - "What is my day?": my scheduled meetings in my own time
// zone (named on the page), the venue's time beside it, the table or the
// online room, and the agenda as an .ics file. Prints on one A4 page.
import { get } from '../../api.js';
import { t, formatDate, formatTime, zoneCity } from '../../i18n.js';
import { Page, Status, useLoad } from '../../ui.jsx';
import { myPerson, textLang } from './lib.js';
import { Outcome } from './outcome.jsx';
import { SignedIn } from './signed-in.jsx';

function dayKey(iso, zone) {
	return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

function AgendaPage() {
	const pid = myPerson();
	const state = useLoad(() => get(`/people/${pid}/agenda`), [pid]);
	const d = state.data;
	const zone = (d && d.person.time_zone) || 'UTC';
	const meetings = (d && d.meetings) || [];
	const days = [];
	for (const m of meetings) {
		const k = dayKey(m.start_utc || m.start, zone);
		if (!days.length || days[days.length - 1].key !== k) days.push({ key: k, items: [] });
		days[days.length - 1].items.push(m);
	}
	return (
		<Page
			title={t('agenda.title')}
			context={d ? t('agenda.context', { zone: zoneCity(zone), tz: zone, name: d.person.name }) : null}
			actions={
				<a class="button quiet" href={`/api/v1/people/${pid}/agenda.ics`} download="agenda.ics">
					{t('agenda.ics')}
				</a>
			}
		>
			<p class="meta no-print">
				{t('agenda.zoneHint')} <a href="/profile">{t('agenda.changeZone')}</a>
			</p>
			<Status state={state} empty={d && !meetings.length ? t('agenda.none') : null}>
				{days.map((day) => (
					<section key={day.key} class="agenda-day" aria-labelledby={'day-' + day.key}>
						<h2 id={'day-' + day.key}>{formatDate(day.items[0].start_utc || day.items[0].start, zone)}</h2>
						<ol class="agenda">
							{day.items.map((m) => {
								const venueZone = m.event && m.event.time_zone;
								const start = m.start_utc || m.start;
								const end = m.end_utc || m.end;
								return (
									<li key={m.id} class="agenda-item">
										<p class="agenda-time">
											<strong>
												{t('agenda.time', { start: formatTime(start, zone), end: formatTime(end, zone), zone: zoneCity(zone) })}
											</strong>
											{venueZone && venueZone !== zone && (
												<span class="meta">
													{' · '}
													{t(dayKey(start, venueZone) !== day.key ? 'agenda.venueTimeDate' : 'agenda.venueTime', {
														start: formatTime(start, venueZone),
														end: formatTime(end, venueZone),
														zone: zoneCity(venueZone),
														date: formatDate(start, venueZone),
													})}
												</span>
											)}
										</p>
										<p>
											{(m.with || []).map((w, i) => (
												<span key={w.id}>
													{i > 0 && ', '}
													{t('agenda.with', { name: w.name, org: w.organisation || '' })}
												</span>
											))}
										</p>
										<p class="meta">
											{m.online ? (
												<>
													{t('agenda.online')}{' '}
													<a href={m.room_url} rel="noopener noreferrer">
														{t('agenda.room')}
													</a>
												</>
											) : (
												<span>{m.table ? t('agenda.table', { table: m.table, venue: String(m.location || '').replace(/^Table \d+,\s*/, '') }) : m.location}</span>
											)}
											{m.event && (
												<>
													{' · '}
													<a href={`/events/${m.event.id}`}>{m.event.name}</a>
												</>
											)}
										</p>
										<Outcome meeting={m} />
									</li>
								);
							})}
						</ol>
					</section>
				))}
			</Status>
		</Page>
	);
}

export default function Agenda() {
	return (
		<SignedIn title={t('agenda.title')} person>
			{() => <AgendaPage />}
		</SignedIn>
	);
}
