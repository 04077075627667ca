// ranking.jsx - "Who wins each track?": for the organisers, each track's
// submissions by weighted score (the mean of their reviews), the spread of
// the reviewers' scores with disagreement flagged, the reviews given of
// those assigned; they tick the winners in rank order and save the track's
// decision.
import { useState } from 'preact/hooks';
import { get, put } from '../../api.js';
import { formatNumber, t } from '../../i18n.js';
import { FormError, Page, Status, errorText, useLoad } from '../../ui.jsx';
import { SignedIn } from '../participant/signed-in.jsx';
import { ChallengeNav, StateBadge, Tr, orgName, organisations } from './lib.jsx';

const score = (n) => formatNumber(n, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function Track({ id, tr, n, orgs, open }) {
	const [picked, setPicked] = useState([]);
	const [saved, setSaved] = useState(null);
	const [error, setError] = useState(null);
	const [busy, setBusy] = useState(false);
	const hid = `track-${tr.track_id}`;
	const toggle = (sid) => setPicked(picked.includes(sid) ? picked.filter((x) => x !== sid) : [...picked, sid]);
	const save = async () => {
		setError(null);
		setBusy(true);
		try {
			const order = tr.ranking.map((r) => r.submission_id).filter((sid) => picked.includes(sid));
			const res = await put(`/challenges/${id}/decisions`, { track_id: tr.track_id, winners: order });
			setSaved(res.items.filter((d) => d.track_id === tr.track_id).length);
		} catch (err) {
			setError(errorText(err));
		} finally {
			setBusy(false);
		}
	};
	return (
		<section class="card" aria-labelledby={hid}>
			<h2 id={hid}>
				{t('ch.trackN', { n })} <Tr texts={tr.title} />
			</h2>
			{tr.ranking.length ? (
				<div class="table-wrap" tabIndex={0} role="region" aria-labelledby={hid}>
					<table>
						<thead>
							<tr>
								<th scope="col" class="num">
									{t('ch.rank.rank')}
								</th>
								<th scope="col">{t('ch.asg.submission')}</th>
								<th scope="col" class="num">
									{t('ch.rank.score')}
								</th>
								<th scope="col" class="num">
									{t('ch.rank.spread')}
								</th>
								<th scope="col" class="num">
									{t('ch.rank.reviews')}
								</th>
								<th scope="col">{t('ch.rank.winner')}</th>
							</tr>
						</thead>
						<tbody>
							{tr.ranking.map((r) => (
								<tr key={r.submission_id}>
									<td class="num">{formatNumber(r.rank)}</td>
									<th scope="row">
										{r.title}
										<br />
										<span class="meta">{orgName(orgs, r.organisation_id)}</span>
									</th>
									<td class="num">{r.reviews ? score(r.score) : '—'}</td>
									<td class="num">
										{r.reviews > 1 ? score(r.spread) : '—'}
										{r.disagreement && <span class="badge rejected"> {t('ch.rank.disagreement')}</span>}
									</td>
									<td class="num">{t('ch.rank.given', { given: r.reviews, assigned: r.assigned })}</td>
									<td>
										<input
											type="checkbox"
											id={`win-${r.submission_id}`}
											checked={picked.includes(r.submission_id)}
											onChange={() => toggle(r.submission_id)}
											disabled={!open}
											aria-label={t('ch.rank.winnerOf', { title: r.title })}
										/>
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			) : (
				<p class="empty">{t('ch.rank.noSubs')}</p>
			)}
			{open && tr.ranking.length > 0 && (
				<p class="actions">
					<button type="button" onClick={save} disabled={busy}>
						{t('ch.rank.save', { n })}
					</button>
				</p>
			)}
			{saved !== null && (
				<p class="notice ok" role="status">
					{t('ch.rank.saved', { count: saved })}
				</p>
			)}
			<FormError error={error} />
		</section>
	);
}

function RankingView({ id }) {
	const state = useLoad(async () => {
		const [ch, ranking] = await Promise.all([get(`/challenges/${id}`), get(`/challenges/${id}/ranking`)]);
		const orgs = await organisations(ranking.tracks.flatMap((tr) => tr.ranking.map((r) => r.organisation_id)));
		return { ch, ranking, orgs };
	}, [id]);
	const d = state.data;
	const open = d && (d.ch.state === 'in_review' || d.ch.state === 'decided');
	return (
		<Page title={t('ch.rank.title')} nav={<ChallengeNav id={id} current="ranking" />} context={d && <><Tr texts={d.ch.title} /> · <StateBadge state={d.ch.state} /></>}>
			<Status state={state}>
				{d && (
					<div class="stack">
						<p class="hint">{t('ch.rank.explain')}</p>
						{!open && <p class="notice">{t('ch.rank.notOpen')}</p>}
						{d.ranking.tracks.map((tr, i) => (
							<Track key={tr.track_id} id={id} tr={tr} n={i + 1} orgs={d.orgs} open={open} />
						))}
					</div>
				)}
			</Status>
		</Page>
	);
}

export default function RankingPage({ params }) {
	return <SignedIn title={t('ch.rank.title')}>{() => <RankingView id={params.id} />}</SignedIn>;
}
