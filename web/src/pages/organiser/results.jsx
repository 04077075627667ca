// results.jsx - "What came of the event?": the conversion funnel (request
// -> meeting -> cooperation possible -> letter of intent -> signed), the
// meetings' outcomes and the agreements, from GET /events/{id}/statistics,
// as tables with proportional bars; the report downloads (PDF, XLSX, CSV).
import { get } from '../../api.js';
import { t, formatNumber } from '../../i18n.js';
import { Status, useLoad } from '../../ui.jsx';

const OUTCOMES = ['cooperation_possible', 'informative_no_cooperation', 'insufficient_interest', 'did_not_take_place'];
const STATES = ['intent', 'signed', 'in_progress', 'completed', 'abandoned'];

// A table of (label, count) rows, each with a bar as wide as its share of the largest.
function BarTable({ id, title, rows, colTitle }) {
	const max = Math.max(1, ...rows.map((r) => r.n));
	return (
		<section class="figure card" aria-labelledby={id}>
			<h2 id={id}>{title}</h2>
			<div class="table-wrap" tabIndex={0} role="region" aria-label={title}>
				<table class="bar-table">
					<caption class="visually-hidden">{title}</caption>
					<thead>
						<tr>
							<th scope="col">{colTitle}</th>
							<th scope="col" class="num">
								{t('org.res.count')}
							</th>
							<th scope="col" aria-hidden="true" class="bar-col"></th>
						</tr>
					</thead>
					<tbody>
						{rows.map((r) => (
							<tr key={r.key}>
								<th scope="row">{r.label}</th>
								<td class="num">{formatNumber(r.n)}</td>
								<td class="bar-col" aria-hidden="true">
									<span class="bar" style={{ width: Math.round((100 * r.n) / max) + '%' }}></span>
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
		</section>
	);
}

export function Results({ eventId }) {
	const state = useLoad(() => (eventId ? get(`/events/${eventId}/statistics`) : Promise.resolve(null)), [eventId]);
	const s = state.data;
	const base = `/api/v1/events/${eventId}`;
	return (
		<Status state={state}>
			{s && (
				<>
					<section aria-labelledby="res-files" class="downloads">
						<h2 id="res-files">{t('org.res.files')}</h2>
						<ul class="links">
							<li>
								<a href={`${base}/report.pdf`} download={`report-event-${eventId}.pdf`}>
									{t('org.res.pdf')}
								</a>
							</li>
							<li>
								<a href={`${base}/report.xlsx`} download={`report-event-${eventId}.xlsx`}>
									{t('org.res.xlsx')}
								</a>
							</li>
							<li>
								<a href={`${base}/requests.csv`} download={`requests-event-${eventId}.csv`}>
									{t('org.res.csvRequests')}
								</a>
							</li>
							<li>
								<a href={`${base}/outcomes.csv`} download={`outcomes-event-${eventId}.csv`}>
									{t('org.res.csvOutcomes')}
								</a>
							</li>
							<li>
								<a href={`${base}/agreements.csv`} download={`agreements-event-${eventId}.csv`}>
									{t('org.res.csvAgreements')}
								</a>
							</li>
						</ul>
					</section>
					<dl class="stats">
						<div class="stat">
							<dt>{t('org.res.held')}</dt>
							<dd class="stat-value">{formatNumber(s.meetings.held)}</dd>
						</div>
						<div class="stat">
							<dt>{t('org.res.signed')}</dt>
							<dd class="stat-value">{formatNumber(s.agreements.signed)}</dd>
						</div>
						<div class="stat">
							<dt>{t('org.res.median')}</dt>
							<dd class="stat-value">
								{s.agreements.median_days_meeting_to_signature === null ? '—' : formatNumber(s.agreements.median_days_meeting_to_signature)}
							</dd>
						</div>
					</dl>
					<div class="figures">
						<BarTable
							id="res-funnel"
							title={t('org.res.funnel')}
							colTitle={t('org.res.step')}
							rows={s.funnel.map((f) => ({ key: f.step, label: t('org.res.step.' + f.step), n: f.count }))}
						/>
						<BarTable
							id="res-outcomes"
							title={t('org.res.outcomes')}
							colTitle={t('org.res.outcome')}
							rows={OUTCOMES.map((o) => ({ key: o, label: t('org.res.outcome.' + o), n: s.outcomes.by_outcome[o] }))}
						/>
						<BarTable
							id="res-agreements"
							title={t('org.res.agreements')}
							colTitle={t('org.res.state')}
							rows={STATES.map((o) => ({ key: o, label: t('org.res.state.' + o), n: s.agreements.by_state[o] }))}
						/>
					</div>
				</>
			)}
		</Status>
	);
}
