// network.jsx - "Who are our partners, and whose agreement is due?": the
// renewals coming due (overdue first) for the desk's staff, then the
// network of associations and chambers with a search by name, country
// and theme, paged with the API's cursor.
import { useState } from 'preact/hooks';
import { get } from '../../api.js';
import { t, countryName } from '../../i18n.js';
import { location, navigate } from '../../router.js';
import { dayText } from './lib.jsx';
import { Page, Pager, Status, useLoad } from '../../ui.jsx';

export function Renewal({ p }) {
	const r = p.renewal;
	if (!r) return <span class="meta">{t('net.renewal.open')}</span>;
	if (r.overdue) return <span class="badge rejected">{t('net.renewal.overdue', { days: -r.days_left, date: dayText(p.expires_on) })}</span>;
	if (r.due) return <span class="badge pending">{t('net.renewal.due', { days: r.days_left, date: dayText(p.expires_on) })}</span>;
	return <span class="meta">{t('net.renewal.until', { date: dayText(p.expires_on) })}</span>;
}

function PartnerCard({ p }) {
	return (
		<li class="card">
			<h3 class="card-title">
				<a href={'/network/' + p.id}>{p.name}</a>
			</h3>
			<p class="meta">
				{t('net.kind.' + p.kind)} · {countryName(p.country)}
				{p.city && ' · ' + p.city}
			</p>
			<p>
				<Renewal p={p} />
			</p>
		</li>
	);
}

function Renewals() {
	const r = useLoad(() => get('/partners/renewals', { within: 90 }).catch(() => null), []);
	if (!r.data) return null;
	return (
		<section class="card" aria-labelledby="renew-h">
			<h2 id="renew-h">{t('net.renewals.title')}</h2>
			{r.data.items.length ? (
				<ul class="cards">
					{r.data.items.map((p) => (
						<PartnerCard key={p.id} p={p} />
					))}
				</ul>
			) : (
				<p>{t('net.renewals.none')}</p>
			)}
		</section>
	);
}

export default function Network() {
	const s = location.value.search;
	const q = s.get('q') || '';
	const [typed, setTyped] = useState(q);
	const [cursor, setCursor] = useState(null);
	const list = useLoad(() => get('/partners', { q: q || undefined, cursor, limit: 20 }), [q, cursor]);
	return (
		<Page title={t('net.title')} context={t('net.context')}>
			<Renewals />
			<form
				role="search"
				aria-label={t('net.search')}
				class="search"
				onSubmit={(e) => {
					e.preventDefault();
					setCursor(null);
					navigate('/network' + (typed.trim() ? '?q=' + encodeURIComponent(typed.trim()) : ''));
				}}
			>
				<label for="net-q">{t('net.search')}</label>
				<div class="search-row">
					<input id="net-q" type="search" value={typed} onInput={(e) => setTyped(e.target.value)} />
					<button type="submit">{t('action.search')}</button>
				</div>
			</form>
			<h2>{t('net.all')}</h2>
			<Status state={list} empty={list.data && !list.data.items.length ? t('net.none') : null}>
				{list.data && (
					<ul class="cards" aria-label={t('net.all')}>
						{list.data.items.map((p) => (
							<PartnerCard key={p.id} p={p} />
						))}
					</ul>
				)}
			</Status>
			{list.data && <Pager next={list.data.next} atStart={!cursor} onNext={setCursor} onFirst={() => setCursor(null)} />}
		</Page>
	);
}
