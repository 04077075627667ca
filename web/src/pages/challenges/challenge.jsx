// challenge.jsx - "What does this call ask for?": the challenge's
// description, deadline (the organiser's zone and the viewer's),
// eligibility, tracks with their pilot offers, criteria with their
// weights and prizes; then what the viewer may do: submit or follow their
// own submissions, review, run it, read the results.
import { get } from '../../api.js';
import { countryName, formatList, formatNumber, t } from '../../i18n.js';
import { account } from '../../session.js';
import { Page, Status, useLoad } from '../../ui.jsx';
import { StateBadge, Tr, closesText, judges, manages, opensText, organisations, pick, represented } from './lib.jsx';
import { eligibleOf } from './list.jsx';

function Mine({ ch, orgs }) {
	const me = account.value;
	const subs = useLoad(() => (me && represented().length ? get(`/challenges/${ch.id}/submissions`) : Promise.resolve({ items: [] })), [ch.id, me && me.id]);
	const eligible = eligibleOf(ch, Object.fromEntries(represented().map((id) => [id, orgs[id]])));
	if (!me || !represented().length) return null;
	const items = subs.data ? subs.data.items : [];
	return (
		<section class="card" aria-labelledby="mine-h">
			<h2 id="mine-h">{t('ch.mine.title')}</h2>
			<Status state={subs}>
				{items.length > 0 && (
					<ul class="plain">
						{items.map((s) => (
							<li key={s.id}>
								<a href={`/submissions/${s.id}`}>{s.title}</a> <span class="meta">· {t('ch.sub.state.' + s.state)}</span>
							</li>
						))}
					</ul>
				)}
				{ch.state === 'open' && eligible.length > 0 && (
					<p>
						<a class="button" href={`/challenges/${ch.id}/submit`}>
							{t('ch.mine.submit')}
						</a>
					</p>
				)}
				{ch.state === 'open' && !eligible.length && <p class="empty">{t('ch.mine.notEligible')}</p>}
				{ch.state !== 'open' && !items.length && <p class="empty">{t('ch.mine.closed')}</p>}
			</Status>
		</section>
	);
}

function Facts({ ch }) {
	const el = ch.eligibility || {};
	return (
		<dl class="facts">
			<dt>{t('ch.opens')}</dt>
			<dd>{opensText(ch)}</dd>
			<dt>{t('ch.deadline')}</dt>
			<dd>{closesText(ch)}</dd>
			<dt>{t('ch.eligible')}</dt>
			<dd>
				{el.kinds && el.kinds.length ? formatList(el.kinds.map((k) => t('ch.kind.' + k))) : t('ch.anyKind')}
				{' · '}
				{el.countries && el.countries.length ? formatList(el.countries.map(countryName)) : t('ch.anyCountry')}
			</dd>
			{ch.sdgs && ch.sdgs.length > 0 && (
				<>
					<dt>{t('ch.sdgs')}</dt>
					<dd>{ch.sdgs.map((n) => t('ch.sdg', { n })).join(' · ')}</dd>
				</>
			)}
		</dl>
	);
}

function Tracks({ ch, orgs }) {
	return (
		<section aria-labelledby="tracks-h">
			<h2 id="tracks-h">{t('ch.tracksTitle')}</h2>
			<ol class="cards">
				{ch.tracks.map((tr, i) => (
					<li key={tr.id} class="card">
						<h3 class="card-title">
							{t('ch.trackN', { n: i + 1 })} <Tr texts={tr.title} />
						</h3>
						{tr.description && <Tr texts={tr.description} as="p" />}
						{tr.pilot && (
							<p class="meta">
								{t('ch.pilot', { city: tr.pilot.city || '—', host: tr.pilot.host_organisation_id && orgs[tr.pilot.host_organisation_id] ? orgs[tr.pilot.host_organisation_id].name : '—' })}
							</p>
						)}
						{(ch.prizes || [])
							.filter((p) => p.track === i)
							.map((p) => (
								<p key={p.rank} class="meta">
									{t('ch.prize', { rank: p.rank })} {p.label}
								</p>
							))}
					</li>
				))}
			</ol>
		</section>
	);
}

function Criteria({ ch }) {
	return (
		<section aria-labelledby="crit-h">
			<h2 id="crit-h">{t('ch.criteria')}</h2>
			<div class="table-wrap">
				<table>
					<thead>
						<tr>
							<th scope="col">{t('ch.criterion')}</th>
							<th scope="col" class="num">
								{t('ch.weight')}
							</th>
						</tr>
					</thead>
					<tbody>
						{ch.criteria.map((c) => (
							<tr key={c.id}>
								<th scope="row">
									<Tr texts={c.label} />
								</th>
								<td class="num">{formatNumber(c.weight)}</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
		</section>
	);
}

export default function ChallengePage({ params }) {
	const me = account.value;
	const state = useLoad(async () => {
		const ch = await get(`/challenges/${params.id}`);
		const hosts = ch.tracks.map((tr) => tr.pilot && tr.pilot.host_organisation_id).filter(Boolean);
		const orgs = await organisations([...hosts, ...(me ? represented() : [])]);
		return { ch, orgs };
	}, [params.id, me && me.id]);
	const ch = state.data && state.data.ch;
	return (
		<Page title={ch ? pick(ch.title).text : t('ch.title')} context={ch && <StateBadge state={ch.state} />}>
			<Status state={state}>
				{ch && (
					<div class="stack">
						{ch.description && <Tr texts={ch.description} as="p" />}
						<Facts ch={ch} />
						<p class="actions">
							{manages(ch.id) && (
								<a class="button" href={`/challenges/${ch.id}/manage`}>
									{t('ch.runIt')}
								</a>
							)}
							{judges(ch.id) && (
								<a class="button" href={`/challenges/${ch.id}/reviews`}>
									{t('ch.nav.myReviews')}
								</a>
							)}
							{ch.state === 'announced' && <a href={`/challenges/${ch.id}/results`}>{t('ch.results.link')}</a>}
						</p>
						<Mine ch={ch} orgs={state.data.orgs} />
						<Tracks ch={ch} orgs={state.data.orgs} />
						<Criteria ch={ch} />
					</div>
				)}
			</Status>
		</Page>
	);
}
