// requests.jsx - "Which requests wait for me?": meeting requests I received
// and sent, with accept / decline / cancel, and per event my active
// requests against its cap.
import { useState } from 'preact/hooks';
import { post } from '../../api.js';
import { t } from '../../i18n.js';
import { Page, Status, useLoad, errorText, confirmAction, whenText } from '../../ui.jsx';
import { getAll, getEvent, getOrganisation, myPerson, personOrHidden, textLang } from './lib.js';
import { stateLabel } from './labels.js';
import { SignedIn } from './signed-in.jsx';

const ACTIVE = ['requested', 'accepted'];

async function load() {
	const me = myPerson();
	const reqs = await getAll('/meeting-requests', { person: me }, 10);
	const ids = [...new Set(reqs.flatMap((r) => [r.requester_id, r.invitee_id]).filter((id) => id !== me))];
	const people = Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await personOrHidden(id)])));
	const orgIds = [...new Set(Object.values(people).filter((p) => !p.hidden).map((p) => p.organisation_id))];
	const orgs = Object.fromEntries(await Promise.all(orgIds.map(async (id) => [id, await getOrganisation(id).catch(() => null)])));
	const events = Object.fromEntries(await Promise.all([...new Set(reqs.map((r) => r.event_id))].map(async (id) => [id, await getEvent(id)])));
	reqs.sort((a, b) => (b.updated_at || '').localeCompare(a.updated_at || '') || b.id - a.id);
	return { reqs, people, orgs, events };
}

function RequestCard({ r, d, incoming, onAct, busy }) {
	const other = d.people[incoming ? r.requester_id : r.invitee_id];
	const org = other && !other.hidden ? d.orgs[other.organisation_id] : null;
	const ev = d.events[r.event_id];
	const name = other && !other.hidden ? other.name : t('requests.hiddenPerson');
	return (
		<li class="card">
			<div class="match-head">
				<h3>
					{incoming ? t('requests.from', { name }) : t('requests.to', { name })}
					{org && (
						<>
							{' · '}
							<a href={`/organisations/${org.id}`}>{org.name}</a>
						</>
					)}
				</h3>
				<span class={'badge state-' + r.state}>{stateLabel(r.state)}</span>
			</div>
			<p class="meta">
				{ev ? ev.name : ''} · {t('priority.' + (r.priority || 2))} · {t('requests.updated', { when: whenText(r.updated_at) })}
			</p>
			{r.message && (
				<blockquote lang={textLang(r.message, other && other.languages)} class="message">
					{r.message}
				</blockquote>
			)}
			<div class="actions">
				{incoming && r.state === 'requested' && (
					<>
						<button type="button" disabled={busy} onClick={() => onAct(r, 'accept')}>
							{t('requests.accept', { name })}
						</button>
						<button type="button" class="quiet" disabled={busy} onClick={() => onAct(r, 'decline')}>
							{t('requests.decline', { name })}
						</button>
					</>
				)}
				{ACTIVE.includes(r.state) && (!incoming || r.state === 'accepted') && (
					<button type="button" class="quiet" disabled={busy} onClick={() => onAct(r, 'cancel')}>
						{r.state === 'accepted' ? t('requests.cancelMeeting', { name }) : t('requests.cancel', { name })}
					</button>
				)}
				{r.state === 'accepted' && <a href="/agenda">{t('requests.seeAgenda')}</a>}
			</div>
		</li>
	);
}

function RequestsPage({ search }) {
	const state = useLoad(load, []);
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState(null);
	const [done, setDone] = useState(search.get('sent') ? t('requests.sentDone') : null);
	const me = myPerson();
	const d = state.data;
	const act = async (r, what) => {
		if (what === 'cancel' && !confirmAction(r.state === 'accepted' ? t('requests.cancelMeetingConfirm') : t('requests.cancelConfirm'))) return;
		setBusy(true);
		setError(null);
		setDone(null);
		try {
			await post(`/meeting-requests/${r.id}/${what}`);
			setDone(t('requests.done.' + what));
			state.reload();
		} catch (e) {
			setError(errorText(e));
		} finally {
			setBusy(false);
		}
	};
	const incoming = d ? d.reqs.filter((r) => r.invitee_id === me) : [];
	const waiting = incoming.filter((r) => r.state === 'requested');
	const otherIn = incoming.filter((r) => r.state !== 'requested');
	const outgoing = d ? d.reqs.filter((r) => r.requester_id === me) : [];
	const caps = d
		? Object.values(d.events).map((ev) => ({ ev, count: d.reqs.filter((r) => r.event_id === ev.id && ACTIVE.includes(r.state)).length }))
		: [];
	const list = (items, inc) => (
		<ul class="cards single">
			{items.map((r) => (
				<RequestCard key={r.id} r={r} d={d} incoming={inc} onAct={act} busy={busy} />
			))}
		</ul>
	);
	return (
		<Page
			title={t('requests.title')}
			actions={
				<a class="button quiet" href="/recommendations">
					{t('requests.findPartners')}
				</a>
			}
		>
			{done && (
				<div class="notice ok" role="status">
					{done}
				</div>
			)}
			{error && (
				<div class="notice danger" role="alert">
					{error}
				</div>
			)}
			<Status state={state} empty={d && !d.reqs.length ? t('requests.none') : null}>
				{d && (
					<>
						<ul class="plain caps" aria-label={t('requests.capsLabel')}>
							{caps.map(({ ev, count }) => (
								<li key={ev.id}>
									{ev.meeting_cap ? t('requests.cap', { event: ev.name, count, cap: ev.meeting_cap }) : t('requests.noCap', { event: ev.name, count })}
								</li>
							))}
						</ul>
						<h2>{t('requests.waiting', { count: waiting.length })}</h2>
						{waiting.length ? list(waiting, true) : <p class="empty">{t('requests.noneWaiting')}</p>}
						<h2>{t('requests.sent', { count: outgoing.length })}</h2>
						{outgoing.length ? (
							list(outgoing, false)
						) : (
							<p class="empty">
								{t('requests.noneSent')} <a href="/recommendations">{t('requests.findPartners')}</a>
							</p>
						)}
						{otherIn.length > 0 && (
							<>
								<h2>{t('requests.answered', { count: otherIn.length })}</h2>
								{list(otherIn, true)}
							</>
						)}
					</>
				)}
			</Status>
		</Page>
	);
}

export default function Requests({ search }) {
	return (
		<SignedIn title={t('requests.title')} person>
			{() => <RequestsPage search={search} />}
		</SignedIn>
	);
}
