// directory.jsx - "Who is on liaison?": full-text search and filters over
// the organisations, paged with the API's cursor, names in the viewer's
// collation (the API's sort=name with sort_lang).
import { useEffect, useState } from 'preact/hooks';
import { get } from '../../api.js';
import { t, lang, countryName, languageName, collator } from '../../i18n.js';
import { setSearch } from '../../router.js';
import { Page, Pager, Status, useLoad } from '../../ui.jsx';
import { KINDS, LANGS, SDGS, THEMES, textLang } from './lib.js';
import { kindLabel, sdgLabel, themeLabel } from './labels.js';

const FILTERS = ['q', 'country', 'kind', 'theme', 'sdg', 'lang'];
// Names in the ICU collation of the UI's language, sorted by the server
// (sort=name&sort_lang=...) so that the order runs on across pages.
function search(params) {
	return get('/organisations', { ...params, sort: 'name', sort_lang: lang.value });
}

function Select({ id, label, value, onChange, options }) {
	return (
		<div class="field">
			<label for={id}>{label}</label>
			<select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
				<option value="">{t('directory.any')}</option>
				{options.map(([v, l]) => (
					<option value={v} key={v}>
						{l}
					</option>
				))}
			</select>
		</div>
	);
}

export default function Directory({ search: sp }) {
	const current = Object.fromEntries(FILTERS.map((k) => [k, sp.get(k) || '']));
	const cursor = sp.get('cursor') || '';
	const [q, setQ] = useState(current.q);
	useEffect(() => setQ(current.q), [current.q]);
	const stats = useLoad(() => get('/stats'), []);
	const countries = Object.keys((stats.data && stats.data.organisations && stats.data.organisations.by_country) || {});
	const key = JSON.stringify([current, cursor, lang.value]);
	const list = useLoad(() => search({ ...current, cursor, limit: 24 }), [key]);
	const apply = (changes) => setSearch({ ...current, ...changes, cursor: undefined });
	const items = (list.data && list.data.items) || [];
	const c = collator();
	const filtered = FILTERS.slice(1).some((k) => current[k]) || current.q;
	return (
		<Page title={t('directory.title')} context={t('directory.context')}>
			<form
				role="search"
				aria-label={t('directory.searchLabel')}
				class="search"
				onSubmit={(e) => {
					e.preventDefault();
					apply({ q: q.trim() });
				}}
			>
				<label for="dir-q">{t('directory.searchLabel')}</label>
				<div class="search-row">
					<input id="dir-q" type="search" value={q} onInput={(e) => setQ(e.target.value)} placeholder={t('directory.placeholder')} />
					<button type="submit">{t('action.search')}</button>
				</div>
			</form>
			<div class="filters" role="group" aria-label={t('directory.filters')}>
				<Select
					id="f-country"
					label={t('field.country')}
					value={current.country}
					onChange={(v) => apply({ country: v })}
					options={countries.map((cc) => [cc, countryName(cc)]).sort((a, b) => c.compare(a[1], b[1]))}
				/>
				<Select id="f-kind" label={t('field.kind')} value={current.kind} onChange={(v) => apply({ kind: v })} options={KINDS.map((k) => [k, kindLabel(k)])} />
				<Select
					id="f-theme"
					label={t('field.theme')}
					value={current.theme}
					onChange={(v) => apply({ theme: v })}
					options={THEMES.map((k) => [k, themeLabel(k)]).sort((a, b) => c.compare(a[1], b[1]))}
				/>
				<Select id="f-sdg" label={t('field.sdg')} value={current.sdg} onChange={(v) => apply({ sdg: v })} options={SDGS.map((n) => [String(n), sdgLabel(n)])} />
				<Select
					id="f-lang"
					label={t('field.language')}
					value={current.lang}
					onChange={(v) => apply({ lang: v })}
					options={LANGS.map((l) => [l, languageName(l)])}
				/>
				{filtered && (
					<button type="button" class="quiet" onClick={() => setSearch({})}>
						{t('directory.clear')}
					</button>
				)}
			</div>
			<Status state={list} empty={list.data && !items.length ? (filtered ? t('directory.noneFiltered') : t('directory.none')) : null}>
				<p class="meta" role="status">
					{t('directory.shown', { count: items.length })}
				</p>
				<ul class="cards">
					{items.map((o) => (
						<li class="card" key={o.id}>
							<h2 class="card-title">
								<a href={`/organisations/${o.id}`}>{o.name}</a>
							</h2>
							<p class="meta">{[kindLabel(o.kind), o.city, countryName(o.country)].filter(Boolean).join(' · ')}</p>
							{o.description && (
								<p class="excerpt" lang={textLang(o.description, o.languages)}>
									{o.description.length > 160 ? o.description.slice(0, 160) + '…' : o.description}
								</p>
							)}
							{o.themes && o.themes.length > 0 && (
								<ul class="tags" aria-label={t('field.themes')}>
									{o.themes.map((th) => (
										<li key={th}>{themeLabel(th)}</li>
									))}
								</ul>
							)}
						</li>
					))}
				</ul>
			</Status>
			<Pager
				next={list.data && list.data.next}
				atStart={!cursor}
				onNext={(n) => setSearch({ ...current, cursor: n })}
				onFirst={() => setSearch({ ...current })}
			/>
		</Page>
	);
}
