// series.jsx - "How has the series grown?": the event series, and for the
// one chosen the figures of the whole series and of each edition (a
// table: registrations, people, meetings held, agreements signed).
import { get } from '../../api.js';
import { t, formatNumber } from '../../i18n.js';
import { location } from '../../router.js';
import { dayText } from './lib.jsx';
import { Page, Status, useLoad } from '../../ui.jsx';
import { SignedIn } from '../participant/signed-in.jsx';

const row = (s) => [s.participants.registrations, s.participants.people, s.meetings.total, s.meetings.held, s.agreements.signed];

function Editions({ name }) {
	const s = useLoad(() => get('/series/statistics', { name }), [name]);
	return (
		<Status state={s}>
			{s.data && (
				<section class="card">
					<h2 id="ed-h">{t('net.series.editions', { name })}</h2>
					<div class="table-wrap" tabIndex={0} role="region" aria-label={t('net.series.editions', { name })}>
						<table>
							<caption>{t('net.series.caption', { count: s.data.editions.length })}</caption>
							<thead>
								<tr>
									<th scope="col">{t('net.series.edition')}</th>
									{['registrations', 'people', 'meetings', 'held', 'signed'].map((k) => (
										<th key={k} scope="col">
											{t('net.series.col.' + k)}
										</th>
									))}
								</tr>
							</thead>
							<tbody>
								{s.data.editions.map((e) => (
									<tr key={e.id}>
										<th scope="row">
											{e.name}
											<span class="meta"> · {e.first_day ? dayText(e.first_day) : '—'}</span>
										</th>
										{row(e.statistics).map((v, i) => (
											<td key={i}>{formatNumber(v)}</td>
										))}
									</tr>
								))}
								<tr>
									<th scope="row">{t('net.series.total')}</th>
									{row(s.data.statistics).map((v, i) => (
										<td key={i}>
											<strong>{formatNumber(v)}</strong>
										</td>
									))}
								</tr>
							</tbody>
						</table>
					</div>
				</section>
			)}
		</Status>
	);
}

function Series() {
	const list = useLoad(() => get('/series'), []);
	const name = location.value.search.get('name');
	return (
		<Page title={t('net.series.title')} context={t('net.series.context')}>
			<Status state={list} empty={list.data && !list.data.items.length ? t('net.series.none') : null}>
				{list.data && (
					<ul class="cards" aria-label={t('net.series.list')}>
						{list.data.items.map((s) => (
							<li key={s.name} class="card">
								<h2 class="card-title">
									<a href={'/series?name=' + encodeURIComponent(s.name)} aria-current={s.name === name ? 'page' : undefined}>
										{s.name}
									</a>
								</h2>
								<p class="meta">{t('net.series.span', { count: s.events, first: s.first_day ? dayText(s.first_day) : '—', last: s.last_day ? dayText(s.last_day) : '—' })}</p>
							</li>
						))}
					</ul>
				)}
			</Status>
			{name && <Editions name={name} />}
		</Page>
	);
}

export default function SeriesPage() {
	return <SignedIn title={t('net.series.title')}>{() => <Series />}</SignedIn>;
}
