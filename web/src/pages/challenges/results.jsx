// results.jsx - "Who won?": the public results of an announced challenge,
// no sign-in: per track its winners in rank order with their organisation,
// the pilot offered (host city) and whether the pilot agreement started.
// Never scores, reviews or reviewers.
import { get } from '../../api.js';
import { countryName, t } from '../../i18n.js';
import { Page, Status, useLoad } from '../../ui.jsx';
import { Tr, pick } from './lib.jsx';

export default function ResultsPage({ params }) {
	const state = useLoad(() => get(`/challenges/${params.id}/results`), [params.id]);
	const r = state.data;
	const notYet = state.error && state.error.status === 404;
	return (
		<Page title={r ? t('ch.results.titleOf', { title: pick(r.title).text }) : t('ch.results.title')} context={r && t('ch.results.context')}>
			{notYet ? (
				<p class="empty">
					{t('ch.results.notYet')} <a href={`/challenges/${params.id}`}>{t('ch.backToCall')}</a>
				</p>
			) : (
				<Status state={state}>
					{r && (
						<ol class="cards" aria-label={t('ch.tracksTitle')}>
							{r.tracks.map((tr, i) => (
								<li key={tr.track_id} class="card">
									<h2 class="card-title">
										{t('ch.trackN', { n: i + 1 })} <Tr texts={tr.title} />
									</h2>
									{tr.winners.length ? (
										<ol class="plain" aria-label={t('ch.results.winnersOf', { n: i + 1 })}>
											{tr.winners.map((w) => (
												<li key={w.submission_id}>
													<strong>{t('ch.results.rank', { rank: w.rank })}</strong> {w.title} — {w.organisation.name}
													{w.organisation.country && <span class="meta"> · {countryName(w.organisation.country)}</span>}
													{w.pilot_agreement_id && <span class="badge ok"> {t('ch.results.pilotStarted')}</span>}
												</li>
											))}
										</ol>
									) : (
										<p class="empty">{t('ch.results.noWinner')}</p>
									)}
									{tr.pilot && tr.pilot.city && <p class="meta">{t('ch.results.pilotIn', { city: tr.pilot.city })}</p>}
								</li>
							))}
						</ol>
					)}
				</Status>
			)}
			<p>
				<a href={`/challenges/${params.id}`}>{t('ch.backToCall')}</a>
			</p>
		</Page>
	);
}
