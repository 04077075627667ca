// assignment.jsx - "Who reviews what?": the organisers run the review
// assignment (a min-cost flow: N reviews a submission, a load cap, never a
// conflicted pair, expertise preferred) and read its total cost, each
// reviewer's load and each submission's reviewers; they fix or forbid one
// pair and run it again. The current assignment shows until then.
import { useState } from 'preact/hooks';
import { get, post } from '../../api.js';
import { formatNumber, t } from '../../i18n.js';
import { Field, FormError, Page, Status, useForm, useLoad } from '../../ui.jsx';
import { SignedIn } from '../participant/signed-in.jsx';
import { ChallengeNav, StateBadge, Tr } from './lib.jsx';

const CONFLICTS = ['declared', 'organisation', 'country', 'agreement', 'override'];

// The stored reviews as the engine's answer (without stats).
function fromReviews(items) {
	const by = new Map();
	const loads = new Map();
	for (const r of items) {
		if (!by.has(r.submission_id)) by.set(r.submission_id, []);
		by.get(r.submission_id).push({ id: r.account_id, cost: r.cost, fixed: !!r.fixed });
		loads.set(r.account_id, (loads.get(r.account_id) || 0) + 1);
	}
	return {
		assignments: [...by].map(([submission, reviewers]) => ({ submission, reviewers, cost: reviewers.reduce((a, r) => a + r.cost, 0) })),
		reviewers: [...loads].map(([id, load]) => ({ id, load })),
		stats: null,
	};
}

function Result({ res, names, titles }) {
	const s = res.stats;
	return (
		<div class="stack">
			{s && (
				<dl class="stats">
					<div class="stat">
						<dt>{t('ch.asg.totalCost')}</dt>
						<dd class="stat-value">{formatNumber(s.total_cost)}</dd>
					</div>
					<div class="stat">
						<dt>{t('ch.asg.slots')}</dt>
						<dd class="stat-value">{formatNumber(s.slots)}</dd>
					</div>
					<div class="stat">
						<dt>{t('ch.asg.conflicts')}</dt>
						<dd class="stat-value">{formatNumber(CONFLICTS.reduce((a, k) => a + (s.conflicts[k] || 0), 0))}</dd>
					</div>
				</dl>
			)}
			{s && <p class="meta">{CONFLICTS.map((k) => t('ch.asg.conflict.' + k, { n: s.conflicts[k] || 0 })).join(' · ')}</p>}
			<section aria-labelledby="loads-h">
				<h2 id="loads-h">{t('ch.asg.loads')}</h2>
				<div class="table-wrap" tabIndex={0} role="region" aria-labelledby="loads-h">
					<table>
						<thead>
							<tr>
								<th scope="col">{t('ch.asg.reviewer')}</th>
								<th scope="col" class="num">
									{t('ch.asg.load')}
								</th>
								<th scope="col" class="num">
									{t('ch.asg.cap')}
								</th>
							</tr>
						</thead>
						<tbody>
							{res.reviewers.map((r) => (
								<tr key={r.id}>
									<th scope="row">{names[r.id] || '#' + r.id}</th>
									<td class="num">{formatNumber(r.load)}</td>
									<td class="num">{r.cap === undefined || r.cap === null ? '—' : formatNumber(r.cap)}</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			</section>
			<section aria-labelledby="pairs-h">
				<h2 id="pairs-h">{t('ch.asg.pairs')}</h2>
				<div class="table-wrap" tabIndex={0} role="region" aria-labelledby="pairs-h">
					<table>
						<thead>
							<tr>
								<th scope="col">{t('ch.asg.submission')}</th>
								<th scope="col">{t('ch.asg.reviewers')}</th>
								<th scope="col" class="num">
									{t('ch.asg.cost')}
								</th>
							</tr>
						</thead>
						<tbody>
							{res.assignments.map((a) => (
								<tr key={a.submission}>
									<th scope="row">{titles[a.submission] || '#' + a.submission}</th>
									<td>{a.reviewers.map((r) => (names[r.id] || '#' + r.id) + (r.fixed ? ' ' + t('ch.asg.fixedMark') : '')).join(', ')}</td>
									<td class="num">{formatNumber(a.cost)}</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			</section>
		</div>
	);
}

function AssignmentView({ id }) {
	const state = useLoad(async () => {
		const [ch, jury, subs, reviews] = await Promise.all([get(`/challenges/${id}`), get(`/challenges/${id}/jury`), get(`/challenges/${id}/submissions`), get(`/challenges/${id}/reviews`)]);
		return { ch, jury: jury.items, subs: subs.items.filter((s) => s.state !== 'withdrawn'), reviews: reviews.items };
	}, [id]);
	const [res, setRes] = useState(null);
	const [overrides, setOverrides] = useState([]);
	const f = useForm({ reviews: '2', load_cap: '', same_country: false });
	const o = useForm({ submission: '', reviewer: '', kind: 'fixed' });
	const d = state.data;
	const names = {};
	const titles = {};
	if (d) {
		d.jury.forEach((m) => (names[m.account_id] = m.name || m.email));
		d.subs.forEach((s) => (titles[s.id] = s.title));
	}
	const shown = res || (d && d.reviews.length ? fromReviews(d.reviews) : null);
	const run = (list) =>
		f.submit(async (v) => {
			const body = { reviews: Number(v.reviews) };
			if (v.load_cap !== '') body.load_cap = Number(v.load_cap);
			if (v.same_country) body.same_country = true;
			const fixed = list.filter((x) => x.kind === 'fixed').map((x) => ({ submission_id: x.submission, account_id: x.reviewer }));
			const forbidden = list.filter((x) => x.kind === 'forbidden').map((x) => ({ submission_id: x.submission, account_id: x.reviewer }));
			if (fixed.length) body.fixed = fixed;
			if (forbidden.length) body.forbidden = forbidden;
			setRes(await post(`/challenges/${id}/assignment`, body));
		});
	const onRun = (ev) => {
		ev.preventDefault();
		run(overrides);
	};
	const onOverride = (ev) => {
		ev.preventDefault();
		const sub = Number(o.values.submission || (d.subs[0] && d.subs[0].id));
		const rev = Number(o.values.reviewer || (d.jury[0] && d.jury[0].account_id));
		const list = [...overrides.filter((x) => !(x.submission === sub && x.reviewer === rev)), { submission: sub, reviewer: rev, kind: o.values.kind }];
		setOverrides(list);
		run(list);
	};
	return (
		<Page title={t('ch.asg.title')} nav={<ChallengeNav id={id} current="assignment" />} context={d && <><Tr texts={d.ch.title} /> · <StateBadge state={d.ch.state} /></>}>
			<Status state={state}>
				{d && (
					<div class="stack">
						{d.ch.state !== 'in_review' && <p class="notice">{t('ch.asg.notInReview')}</p>}
						<form class="card" onSubmit={onRun} noValidate aria-labelledby="run-h">
							<h2 id="run-h">{t('ch.asg.runTitle')}</h2>
							<FormError error={f.formError} />
							<div class="grid-2">
								<Field label={t('ch.asg.reviewsEach')} error={f.errors.reviews}>
									{(a) => <input {...a} type="number" min="1" max="20" value={f.values.reviews} onInput={f.set('reviews')} />}
								</Field>
								<Field label={t('ch.asg.loadCap')} hint={t('ch.asg.loadCapHint')} error={f.errors.load_cap}>
									{(a) => <input {...a} type="number" min="0" value={f.values.load_cap} onInput={f.set('load_cap')} />}
								</Field>
							</div>
							<p class="check">
								<input id="asg-country" type="checkbox" checked={f.values.same_country} onChange={f.set('same_country')} />
								<label for="asg-country">{t('ch.asg.sameCountry')}</label>
							</p>
							<div class="form-actions">
								<button type="submit" disabled={f.busy || d.ch.state !== 'in_review'}>
									{shown ? t('ch.asg.rerun') : t('ch.asg.run')}
								</button>
							</div>
						</form>
						{shown && <Result res={shown} names={names} titles={titles} />}
						{shown && (
							<form class="card" onSubmit={onOverride} noValidate aria-labelledby="ovr-h">
								<h2 id="ovr-h">{t('ch.asg.overrideTitle')}</h2>
								<p class="hint">{t('ch.asg.overrideHint')}</p>
								<div class="grid-2">
									<Field label={t('ch.asg.submission')}>
										{(a) => (
											<select {...a} value={o.values.submission} onChange={o.set('submission')}>
												{d.subs.map((s) => (
													<option key={s.id} value={String(s.id)}>
														{s.title}
													</option>
												))}
											</select>
										)}
									</Field>
									<Field label={t('ch.asg.reviewer')}>
										{(a) => (
											<select {...a} value={o.values.reviewer} onChange={o.set('reviewer')}>
												{d.jury.map((m) => (
													<option key={m.account_id} value={String(m.account_id)}>
														{m.name || m.email}
													</option>
												))}
											</select>
										)}
									</Field>
									<Field label={t('ch.asg.overrideKind')}>
										{(a) => (
											<select {...a} value={o.values.kind} onChange={o.set('kind')}>
												<option value="fixed">{t('ch.asg.kind.fixed')}</option>
												<option value="forbidden">{t('ch.asg.kind.forbidden')}</option>
											</select>
										)}
									</Field>
								</div>
								{overrides.length > 0 && (
									<ul class="plain" aria-label={t('ch.asg.overrides')}>
										{overrides.map((x) => (
											<li key={x.submission + '-' + x.reviewer}>{t('ch.asg.override.' + x.kind, { reviewer: names[x.reviewer] || '#' + x.reviewer, submission: titles[x.submission] || '#' + x.submission })}</li>
										))}
									</ul>
								)}
								<div class="form-actions">
									<button type="submit" class="quiet" disabled={f.busy || d.ch.state !== 'in_review'}>
										{t('ch.asg.overrideRun')}
									</button>
								</div>
							</form>
						)}
					</div>
				)}
			</Status>
		</Page>
	);
}

export default function AssignmentPage({ params }) {
	return <SignedIn title={t('ch.asg.title')}>{() => <AssignmentView id={params.id} />}</SignedIn>;
}
