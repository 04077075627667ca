// experts.jsx - "Who can advise on this?": the expert pool searched in any
// language (their expertise is written in theirs), with their field, term,
// languages and availability.
import { useState } from 'preact/hooks';
import { get } from '../../api.js';
import { t, formatList, languageName } from '../../i18n.js';
import { location, navigate } from '../../router.js';
import { dayText } from './lib.jsx';
import { Page, Pager, Status, useLoad } from '../../ui.jsx';

function ExpertCard({ x }) {
	const texts = Object.entries(x.expertise);
	return (
		<li class="card">
			<h2 class="card-title">{x.name}</h2>
			<p class="meta">
				{x.field} · {t('net.availability.' + x.availability)} · {x.in_term ? t('net.term', { date: dayText(x.term_end) }) : t('net.termEnded', { date: dayText(x.term_end) })}
			</p>
			{texts.map(([l, text]) => (
				<p key={l} lang={l}>
					{text}
				</p>
			))}
			<p class="meta">{t('net.speaks', { languages: formatList(x.languages.map(languageName)) })}</p>
		</li>
	);
}

export default function Experts() {
	const s = location.value.search;
	const q = s.get('q') || '';
	const [typed, setTyped] = useState(q);
	const [cursor, setCursor] = useState(null);
	const list = useLoad(() => get('/experts', { q: q || undefined, cursor, limit: 20 }).then((d) => ({ ...d, q })), [q, cursor]);
	return (
		<Page title={t('net.experts.title')} context={t('net.experts.context')}>
			<form
				role="search"
				aria-label={t('net.experts.search')}
				class="search"
				onSubmit={(e) => {
					e.preventDefault();
					setCursor(null);
					navigate('/experts' + (typed.trim() ? '?q=' + encodeURIComponent(typed.trim()) : ''));
				}}
			>
				<label for="exp-q">{t('net.experts.search')}</label>
				<div class="search-row">
					<input id="exp-q" type="search" value={typed} onInput={(e) => setTyped(e.target.value)} />
					<button type="submit">{t('action.search')}</button>
				</div>
			</form>
			<Status state={list} empty={list.data && !list.data.items.length ? t('net.experts.none') : null}>
				{list.data && (
					<ul class="cards" aria-label={list.data.q ? t('net.experts.found', { q: list.data.q }) : t('net.experts.all')}>
						{list.data.items.map((x) => (
							<ExpertCard key={x.id} x={x} />
						))}
					</ul>
				)}
			</Status>
			{list.data && <Pager next={list.data.next} atStart={!cursor} onNext={setCursor} onFirst={() => setCursor(null)} />}
		</Page>
	);
}
