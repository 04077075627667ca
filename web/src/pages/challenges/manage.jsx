// manage.jsx - "Where is the challenge, and what comes next?": for its
// organisers, the call's state with the one step it can take (asked once),
// its deadline in their zone, and every submission with its organisation,
// track and state.
import { useState } from 'preact/hooks';
import { get, post } from '../../api.js';
import { t } from '../../i18n.js';
import { Page, Status, confirmAction, errorText, useLoad, FormError } from '../../ui.jsx';
import { SignedIn } from '../participant/signed-in.jsx';
import { ChallengeNav, STATES, StateBadge, Tr, closesText, orgName, organisations, pick } from './lib.jsx';

function Step({ ch, onDone }) {
	const [error, setError] = useState(null);
	const [busy, setBusy] = useState(false);
	const next = STATES[STATES.indexOf(ch.state) + 1];
	if (!next) return <p class="notice ok">{t('ch.manage.final')}</p>;
	const go = async () => {
		if (!confirmAction(t('ch.manage.confirm.' + next))) return;
		setError(null);
		setBusy(true);
		try {
			onDone(await post(`/challenges/${ch.id}/state`, { state: next }));
		} catch (err) {
			setError(errorText(err));
		} finally {
			setBusy(false);
		}
	};
	return (
		<div class="card" role="group" aria-labelledby="step-h">
			<h2 id="step-h">{t('ch.manage.stepTitle')}</h2>
			<p>{t('ch.manage.explain.' + next)}</p>
			<p class="actions">
				<button type="button" onClick={go} disabled={busy}>
					{t('ch.manage.to.' + next)}
				</button>
			</p>
			<FormError error={error} />
		</div>
	);
}

function ManageView({ id }) {
	const [fresh, setFresh] = useState(null);
	const state = useLoad(async () => {
		const [ch, subs] = await Promise.all([get(`/challenges/${id}`), get(`/challenges/${id}/submissions`)]);
		const orgs = await organisations(subs.items.map((s) => s.organisation_id));
		return { ch, subs: subs.items, orgs };
	}, [id]);
	const ch = fresh || (state.data && state.data.ch);
	const tracks = {};
	if (ch) ch.tracks.forEach((tr, i) => (tracks[tr.id] = { n: i + 1, title: tr.title }));
	return (
		<Page
			title={t('ch.manage.title')}
			nav={<ChallengeNav id={id} current="manage" />}
			context={ch && <><Tr texts={ch.title} /> · <StateBadge state={ch.state} /> · {t('ch.closes', { when: closesText(ch) })}</>}
		>
			<Status state={state}>
				{ch && (
					<div class="stack">
						<Step ch={ch} onDone={setFresh} />
						<section aria-labelledby="subs-h">
							<h2 id="subs-h">{t('ch.manage.submissions', { count: state.data.subs.length })}</h2>
							{state.data.subs.length ? (
								<div class="table-wrap" tabIndex={0} role="region" aria-labelledby="subs-h">
									<table>
										<thead>
											<tr>
												<th scope="col">{t('ch.sub.titleField')}</th>
												<th scope="col">{t('ch.sub.organisation')}</th>
												<th scope="col">{t('ch.sub.track')}</th>
												<th scope="col">{t('ch.manage.subState')}</th>
											</tr>
										</thead>
										<tbody>
											{state.data.subs.map((s) => (
												<tr key={s.id}>
													<th scope="row">{s.title}</th>
													<td>{orgName(state.data.orgs, s.organisation_id)}</td>
													<td>
														{tracks[s.track_id] ? <>{t('ch.trackN', { n: tracks[s.track_id].n })} {pick(tracks[s.track_id].title).text}</> : '—'}
													</td>
													<td>{t('ch.sub.state.' + s.state)}</td>
												</tr>
											))}
										</tbody>
									</table>
								</div>
							) : (
								<p class="empty">{t('ch.manage.noSubs')}</p>
							)}
						</section>
					</div>
				)}
			</Status>
		</Page>
	);
}

export default function ManagePage({ params }) {
	return <SignedIn title={t('ch.manage.title')}>{() => <ManageView id={params.id} />}</SignedIn>;
}
