// recommendations.jsx - "Who should I meet?": the partners the matching
// engine ranks for my organisation, or for one of its offers and requests,
// each with its reasons: the shared concept, the evidence words from my
// side and from theirs (each in its own language), complementary offers.
import { get } from '../../api.js';
import { t, lang, countryName, formatNumber } from '../../i18n.js';
import { setSearch } from '../../router.js';
import { Page, Status, useLoad } from '../../ui.jsx';
import { getAll, getOrganisation, myOrganisation, textLang } from './lib.js';
import { kindLabel, themeLabel } from './labels.js';
import { SignedIn } from './signed-in.jsx';

function norm(s) {
	return String(s || '').normalize('NFKC').toLowerCase();
}

// The text of one side: what its evidence words were found in.
function sideText(org, opps) {
	return norm(
		[org.name, org.description, org.city, ...(org.pillar_industries || []), ...(org.interests || []), ...opps.flatMap((o) => [o.title, o.description])].join('\n'),
	);
}

function Phrase({ word, themes, languages }) {
	if (themes.includes(word))
		return (
			<li class="word">
				{t('reasons.declaredTheme', { label: themeLabel(word) })}
			</li>
		);
	return (
		<li class="word" lang={textLang(word, languages)}>
			{word}
		</li>
	);
}

function Words({ label, words, themes, languages }) {
	return (
		<div class="evidence">
			<span class="evidence-label">{label}</span>
			{words.length ? (
				<ul class="words">
					{words.map((w) => (
						<Phrase key={w} word={w} themes={themes} languages={languages} />
					))}
				</ul>
			) : (
				<span class="meta">{t('reasons.noWords')}</span>
			)}
		</div>
	);
}

function Match({ m, rank, mine, forOpportunity }) {
	// Their languages and themes, for the lang attribute of their words.
	const theirs = useLoad(() => getOrganisation(m.id), [m.id]);
	const them = theirs.data || { languages: [], themes: [] };
	const count = m.reasons.length;
	return (
		<li class="card match">
			<div class="match-head">
				<h2 class="card-title">
					<span class="rank">{t('recommendations.rank', { rank })}</span> <a href={`/organisations/${m.id}`}>{m.name}</a>
				</h2>
				<a class="button quiet" href={`/requests/new?organisation=${m.id}`}>
					{t('recommendations.request', { name: m.name })}
				</a>
			</div>
			<p class="meta">
				{[kindLabel(m.kind), countryName(m.country), t('recommendations.score', { score: formatNumber(m.score, { style: 'percent' }) })].filter(Boolean).join(' · ')}
			</p>
			<details open={rank === 1}>
				<summary>{t('recommendations.why', { count, name: m.name })}</summary>
				<ol class="reasons">
					{m.reasons.map((r) => {
						const ev = r.evidence || [];
						const mineWords = ev.filter((w) => mine.themes.includes(w) || mine.text.includes(norm(w)));
						const theirWords = ev.filter((w) => !mineWords.includes(w));
						return (
							<li key={r.concept} class="reason">
								<p>
									<strong>{r.concept === 'shared-words' ? t('reasons.sharedWords') : r.label}</strong>
									{r.complementary && <span class="badge">{t('reasons.complementary')}</span>}
								</p>
								<Words label={forOpportunity ? t('reasons.fromOpportunity') : t('reasons.fromMine')} words={mineWords} themes={mine.themes} languages={mine.languages} />
								<Words label={t('reasons.fromTheirs', { name: m.name })} words={theirWords} themes={them.themes || []} languages={them.languages || []} />
							</li>
						);
					})}
				</ol>
			</details>
		</li>
	);
}

function RecommendationsPage({ search }) {
	const orgId = myOrganisation();
	const opp = search.get('opportunity') || '';
	const top = Math.min(100, Number(search.get('top')) || 10);
	const base = useLoad(async () => {
		const [org, opps] = await Promise.all([getOrganisation(orgId), getAll('/opportunities', { organisation: orgId }, 2)]);
		return { org, opps };
	}, [orgId]);
	const list = useLoad(
		() =>
			opp
				? get(`/opportunities/${encodeURIComponent(opp)}/matches`, { top, lang: lang.value })
				: get(`/organisations/${orgId}/recommendations`, { top, lang: lang.value }),
		[orgId, opp, top, lang.value],
	);
	const b = base.data;
	const chosen = b && opp ? b.opps.find((o) => String(o.id) === opp) : null;
	const mine = b
		? chosen
			? { text: norm([chosen.title, chosen.description].join('\n')), themes: chosen.themes || [], languages: b.org.languages || [] }
			: { text: sideText(b.org, b.opps), themes: b.org.themes || [], languages: b.org.languages || [] }
		: null;
	const matches = (list.data && list.data.matches) || [];
	return (
		<Page
			title={t('recommendations.title')}
			context={b ? (chosen ? t('recommendations.contextOpportunity', { title: chosen.title, org: b.org.name }) : t('recommendations.context', { org: b.org.name })) : null}
		>
			<Status state={base}>
				{b && (
					<div class="filters">
						<div class="field">
							<label for="rec-for">{t('recommendations.for')}</label>
							<select id="rec-for" value={opp} onChange={(e) => setSearch({ opportunity: e.target.value })}>
								<option value="">{t('recommendations.forOrganisation', { org: b.org.name })}</option>
								{b.opps
									.filter((o) => o.state !== 'closed')
									.map((o) => (
										<option value={String(o.id)} key={o.id} lang={textLang(o.title, b.org.languages)}>
											{t('recommendations.forOpportunity', { type: o.type, title: o.title })}
										</option>
									))}
							</select>
						</div>
					</div>
				)}
			</Status>
			<Status state={list} empty={list.data && !matches.length ? t('recommendations.none') : null}>
				{mine && (
					<>
						<p class="meta" role="status">
							{t('recommendations.count', { count: matches.length })}
						</p>
						<ol class="cards single">
							{matches.map((m, i) => (
								<Match key={m.id} m={m} rank={i + 1} mine={mine} forOpportunity={!!chosen} />
							))}
						</ol>
						{matches.length >= top && top < 100 && (
							<p>
								<button type="button" class="quiet" onClick={() => setSearch({ opportunity: opp, top: String(top + 10) })}>
									{t('recommendations.more')}
								</button>
							</p>
						)}
					</>
				)}
			</Status>
		</Page>
	);
}

export default function Recommendations({ search }) {
	return (
		<SignedIn title={t('recommendations.title')} person>
			{() => <RecommendationsPage search={search} />}
		</SignedIn>
	);
}
