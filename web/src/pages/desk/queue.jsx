// queue.jsx - "Which enquiries need us now?": the desk's lists (open,
// overdue, at risk, waiting, resolved, closed) with their counts, a search
// over every case in any language, paged with the API's cursor.
import { useState } from 'preact/hooks';
import { get } from '../../api.js';
import { t } from '../../i18n.js';
import { location, navigate } from '../../router.js';
import { Page, Pager, Status, useLoad } from '../../ui.jsx';
import { SignedIn } from '../participant/signed-in.jsx';
import { CaseCard } from './lib.jsx';

const VIEWS = ['open', 'overdue', 'at_risk', 'waiting', 'resolved', 'closed'];

function Queue() {
	const s = location.value.search;
	const view = VIEWS.includes(s.get('view')) ? s.get('view') : s.get('q') ? 'all' : 'open';
	const q = s.get('q') || '';
	const [typed, setTyped] = useState(q);
	const [cursor, setCursor] = useState(null);
	const summary = useLoad(() => get('/desk/summary'), []);
	// the list says which view it shows: the one it was loaded for, not the one asked for next
	const list = useLoad(() => get('/cases', { view, q, cursor, limit: 20 }).then((d) => ({ ...d, view, q })), [view, q, cursor]);
	const counts = summary.data || {};
	const go = (params) => {
		setCursor(null);
		const u = new URLSearchParams(params);
		navigate('/desk' + (u.toString() ? '?' + u : ''));
	};
	if (summary.data && !summary.data.staff)
		return (
			<Page title={t('desk.queue.title')}>
				<p class="notice">{t('desk.queue.notStaff')}</p>
			</Page>
		);
	return (
		<Page title={t('desk.queue.title')} context={t('desk.queue.context')}>
			<nav aria-label={t('desk.queue.views')} class="subnav">
				<ul>
					{VIEWS.map((v) => (
						<li key={v}>
							<a href={'/desk?view=' + v} aria-current={v === view && !q ? 'page' : undefined}>
								{t('desk.view.' + v, { count: counts[v] ?? 0 })}
							</a>
						</li>
					))}
				</ul>
			</nav>
			<form
				role="search"
				aria-label={t('desk.queue.search')}
				class="search"
				onSubmit={(e) => {
					e.preventDefault();
					go(typed.trim() ? { q: typed.trim() } : { view });
				}}
			>
				<label for="desk-q">{t('desk.queue.search')}</label>
				<div class="search-row">
					<input id="desk-q" type="search" value={typed} onInput={(e) => setTyped(e.target.value)} />
					<button type="submit">{t('action.search')}</button>
				</div>
			</form>
			<Status state={list} empty={list.data && !list.data.items.length ? t('desk.queue.none') : null}>
				{list.data && (
					<ul class="cards cases" aria-label={list.data.q ? t('desk.queue.found', { q: list.data.q }) : t('desk.view.' + list.data.view, { count: counts[list.data.view] ?? 0 })}>
						{list.data.items.map((c) => (
							<CaseCard key={c.id} c={c} href={'/desk/cases/' + c.id} />
						))}
					</ul>
				)}
			</Status>
			{list.data && <Pager next={list.data.next} atStart={!cursor} onNext={setCursor} onFirst={() => setCursor(null)} />}
		</Page>
	);
}

export default function DeskQueue() {
	return <SignedIn title={t('desk.queue.title')}>{() => <Queue />}</SignedIn>;
}
