// dashboard.jsx - "How is the event going?": participants by country and
// kind, requests by state, acceptance rate, meetings per slot and page
// views, each chart (Chart.js, labelled axes) with its numbers as a table;
// CSV downloads of the participants and the meetings.
import { useEffect, useMemo, useRef } from 'preact/hooks';
import {
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	DoughnutController,
	ArcElement,
	Legend,
	LineController,
	LineElement,
	LinearScale,
	PointElement,
	Tooltip,
} from 'chart.js';
import { get } from '../../api.js';
import { t, collator, countryName, formatNumber, lang, locale, zoneCity } from '../../i18n.js';
import { account } from '../../session.js';
import { Page, Status, useLoad } from '../../ui.jsx';
import { EventNav, contextLine, dayLabel, dayKey, fetchAll, registrationsWithPeople, slotVenueTime, useEvent } from './lib.jsx';
import { SignedOut } from './guard.jsx';
import { Results } from './results.jsx';
import { AttendanceCount } from './checkin.jsx';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, DoughnutController, ArcElement, Tooltip, Legend);

const ACCENT = '#0b5cad';
const PALETTE = ['#0b5cad', '#b3261e', '#1e6b35', '#8a5a00', '#5b3f99', '#545b66'];

function ChartCanvas({ type, labels, values, xTitle, yTitle, summary, horizontal, colors }) {
	const ref = useRef(null);
	useEffect(() => {
		const font = { family: getComputedStyle(document.documentElement).fontFamily, size: 13 };
		const axes =
			type === 'doughnut'
				? undefined
				: {
						x: { title: { display: true, text: horizontal ? yTitle : xTitle, font }, ticks: { font, precision: 0 }, beginAtZero: true },
						y: { title: { display: true, text: horizontal ? xTitle : yTitle, font }, ticks: { font, precision: 0 }, beginAtZero: true },
					};
		const chart = new Chart(ref.current, {
			type,
			data: {
				labels,
				datasets: [
					{
						label: yTitle,
						data: values,
						backgroundColor: colors || (type === 'line' ? ACCENT : ACCENT),
						borderColor: type === 'line' ? ACCENT : undefined,
					},
				],
			},
			options: {
				animation: false,
				responsive: true,
				maintainAspectRatio: false,
				locale: locale(),
				indexAxis: horizontal ? 'y' : 'x',
				plugins: { legend: { display: type === 'doughnut', labels: { font } }, tooltip: { enabled: true } },
				scales: axes,
			},
		});
		return () => chart.destroy();
	}, [type, JSON.stringify(labels), JSON.stringify(values), xTitle, yTitle, lang.value]);
	const height = horizontal ? Math.max(160, labels.length * 26 + 60) : 260;
	return (
		<div class="chart-box" style={{ height: height + 'px' }}>
			<canvas ref={ref} role="img" aria-label={summary} />
		</div>
	);
}

// One chart and the same numbers as a table.
function Figure({ id, title, note, labels, values, colTitle, valTitle, chart, format }) {
	const fmt = format || ((n) => formatNumber(n));
	const total = values.reduce((a, b) => a + b, 0);
	const summary = t('org.dash.summary', { title, count: labels.length, total: formatNumber(total) });
	return (
		<section class="figure card" aria-labelledby={id}>
			<h2 id={id}>{title}</h2>
			{note && <p class="meta">{note}</p>}
			{!labels.length ? (
				<p class="empty">{t('org.dash.noData')}</p>
			) : (
				<div class="figure-body">
					<ChartCanvas {...chart} labels={labels} values={values} xTitle={colTitle} yTitle={valTitle} summary={summary} />
					<div class="table-wrap figure-table" tabIndex={0} role="region" aria-label={t('org.dash.tableOf', { title })}>
						<table>
							<caption class="visually-hidden">{t('org.dash.tableOf', { title })}</caption>
							<thead>
								<tr>
									<th scope="col">{colTitle}</th>
									<th scope="col" class="num">
										{valTitle}
									</th>
								</tr>
							</thead>
							<tbody>
								{labels.map((l, i) => (
									<tr key={i}>
										<th scope="row">{l}</th>
										<td class="num">{fmt(values[i])}</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
				</div>
			)}
		</section>
	);
}

function counted(list, key, label) {
	const m = new Map();
	for (const x of list) {
		const k = key(x);
		if (k === undefined || k === null) continue;
		m.set(k, (m.get(k) || 0) + 1);
	}
	const c = collator();
	const rows = [...m.entries()].map(([k, n]) => ({ label: label(k), n }));
	rows.sort((a, b) => b.n - a.n || c.compare(a.label, b.label));
	return { labels: rows.map((r) => r.label), values: rows.map((r) => r.n) };
}

export default function Dashboard({ params }) {
	const id = params.id;
	const me = account.value;
	const ev = useEvent(id);
	const eventId = ev.data && ev.data.id;
	const data = useLoad(async () => {
		if (!eventId || !me) return null;
		const [regs, requests, grid, views] = await Promise.all([
			registrationsWithPeople(eventId),
			fetchAll('/meeting-requests', { event: eventId }),
			get(`/events/${eventId}/grid`),
			get(`/events/${eventId}/views`),
		]);
		return { regs, requests, grid, views };
	}, [eventId, me && me.id]);
	const d = data.data;
	// The server's CSV downloads (UTF-8 with a byte order mark, for spreadsheets).
	const links = eventId ? { regs: `/api/v1/events/${eventId}/registrations.csv`, meetings: `/api/v1/events/${eventId}/meetings.csv` } : null;
	const charts = useMemo(() => {
		if (!d) return null;
		const active = d.regs.filter((r) => r.validation !== 'rejected');
		const byCountry = counted(active, (r) => r.org && r.org.country, (k) => countryName(k));
		const byKind = counted(active, (r) => r.org && r.org.kind, (k) => t('org.kind.' + k));
		const states = ['requested', 'accepted', 'declined', 'cancelled'];
		const byState = { labels: states.map((s) => t('org.state.' + s)), values: states.map((s) => d.requests.filter((r) => r.state === s).length) };
		const accepted = d.requests.filter((r) => r.state === 'accepted').length;
		const declined = d.requests.filter((r) => r.state === 'declined').length;
		const answered = accepted + declined;
		const zone = d.grid.event.time_zone;
		const multiDay = new Set(d.grid.slots.map((s) => dayKey(s.start, zone))).size > 1;
		const perSlot = {
			labels: d.grid.slots.map((s) => (multiDay ? dayLabel(s.start, zone) + ' ' : '') + slotVenueTime(s.start, zone)),
			values: d.grid.slots.map((s) => s.tables.filter(Boolean).length + s.online.length),
		};
		const views = d.views && Array.isArray(d.views.days) ? { total: d.views.total, labels: d.views.days.map((x) => dayLabel(x.day)), values: d.views.days.map((x) => x.views) } : null;
		return { byCountry, byKind, byState, accepted, declined, answered, perSlot, views, zone, people: active.length };
	}, [d, lang.value]);
	if (me === undefined) return null;
	if (me === null) return <SignedOut title={t('org.dash.title')} />;
	const state = ev.error ? ev : data;
	return (
		<Page title={t('org.dash.title')} context={contextLine(ev.data)} nav={<EventNav id={id} current="dashboard" />}>
			<Status state={state}>
				{charts && (
					<>
						<dl class="stats">
							<div class="stat">
								<dt>{t('org.dash.participants')}</dt>
								<dd class="stat-value">{formatNumber(charts.people)}</dd>
							</div>
							<div class="stat">
								<dt>{t('org.dash.requests')}</dt>
								<dd class="stat-value">{formatNumber(d.requests.length)}</dd>
							</div>
							<div class="stat">
								<dt>{t('org.dash.acceptance')}</dt>
								<dd>
									<span class="stat-value">{charts.answered ? formatNumber(charts.accepted / charts.answered, { style: 'percent' }) : '—'}</span>{' '}
									<span class="aside">{t('org.dash.acceptanceNote', { accepted: charts.accepted, answered: charts.answered })}</span>
								</dd>
							</div>
							{charts.views && (
								<div class="stat">
									<dt>{t('org.dash.views')}</dt>
									<dd class="stat-value">{formatNumber(charts.views.total)}</dd>
								</div>
							)}
						</dl>
						<section aria-labelledby="dash-att">
							<h2 id="dash-att">{t('checkin.attendance')}</h2>
							<AttendanceCount eventId={eventId} />
						</section>
						<section aria-labelledby="dash-csv" class="downloads">
							<h2 id="dash-csv">{t('org.dash.downloads')}</h2>
							{links && (
								<ul class="links">
									<li>
										<a href={links.regs} download={`registrations-event-${eventId}.csv`}>
											{t('org.dash.csvParticipants')}
										</a>
									</li>
									<li>
										<a href={links.meetings} download={`meetings-event-${eventId}.csv`}>
											{t('org.dash.csvMeetings')}
										</a>
									</li>
								</ul>
							)}
						</section>
						<Results eventId={eventId} />
						<div class="figures">
							<Figure
								id="fig-country"
								title={t('org.dash.byCountry')}
								labels={charts.byCountry.labels}
								values={charts.byCountry.values}
								colTitle={t('org.dash.country')}
								valTitle={t('org.dash.people')}
								chart={{ type: 'bar', horizontal: true }}
							/>
							<Figure
								id="fig-kind"
								title={t('org.dash.byKind')}
								labels={charts.byKind.labels}
								values={charts.byKind.values}
								colTitle={t('org.dash.kind')}
								valTitle={t('org.dash.people')}
								chart={{ type: 'bar', horizontal: true }}
							/>
							<Figure
								id="fig-state"
								title={t('org.dash.byState')}
								labels={charts.byState.labels}
								values={charts.byState.values}
								colTitle={t('org.dash.state')}
								valTitle={t('org.dash.requestsAxis')}
								chart={{ type: 'bar' }}
							/>
							<Figure
								id="fig-accept"
								title={t('org.dash.acceptanceTitle')}
								note={t('org.dash.acceptanceNote', { accepted: charts.accepted, answered: charts.answered })}
								labels={charts.answered ? [t('org.state.accepted'), t('org.state.declined')] : []}
								values={[charts.accepted, charts.declined]}
								colTitle={t('org.dash.answer')}
								valTitle={t('org.dash.requestsAxis')}
								chart={{ type: 'doughnut', colors: [PALETTE[0], PALETTE[1]] }}
							/>
							<Figure
								id="fig-slot"
								title={t('org.dash.perSlot')}
								note={t('org.dash.perSlotNote', { zone: zoneCity(charts.zone) })}
								labels={charts.perSlot.labels}
								values={charts.perSlot.values}
								colTitle={t('org.dash.slot', { zone: zoneCity(charts.zone) })}
								valTitle={t('org.dash.meetings')}
								chart={{ type: 'bar' }}
							/>
							{charts.views && (
								<Figure
									id="fig-views"
									title={t('org.dash.viewsTitle')}
									note={t('org.dash.viewsNote')}
									labels={charts.views.labels}
									values={charts.views.values}
									colTitle={t('org.dash.day')}
									valTitle={t('org.dash.viewsAxis')}
									chart={{ type: 'line' }}
								/>
							)}
						</div>
					</>
				)}
			</Status>
		</Page>
	);
}
