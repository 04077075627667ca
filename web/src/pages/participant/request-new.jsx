// request-new.jsx - "Ask for a meeting": whom (a person of the other
// organisation registered for an event I attend), why (message, the
// opportunity concerned), how much it matters (priority). The event's cap
// on active requests is shown; the server's refusals land by the field.
import { get, post } from '../../api.js';
import { t, formatDate } from '../../i18n.js';
import { navigate } from '../../router.js';
import { Field, FormError, Page, Status, useForm, useLoad } from '../../ui.jsx';
import { getAll, getEvent, getOrganisation, getPerson, myOrganisation, myPerson, textLang } from './lib.js';
import { SignedIn } from './signed-in.jsx';

const ACTIVE = ['requested', 'accepted'];

async function load(search) {
	const me = myPerson();
	const invitee = search.get('invitee');
	const eventWanted = search.get('event');
	let orgId = search.get('organisation');
	let candidates;
	if (invitee) {
		const p = await getPerson(invitee);
		orgId = p.organisation_id;
		candidates = [p];
	}
	const org = await getOrganisation(orgId);
	if (!candidates) candidates = await getAll('/people', { organisation: org.id }, 2);
	candidates = candidates.filter((p) => p.id !== me);
	const mine = (await getAll('/registrations', { person: me }, 2)).filter((r) => r.validation !== 'rejected');
	const myEvents = mine.map((r) => r.event_id).filter((e) => !eventWanted || String(e) === eventWanted);
	// Which of them are registered for one of my events.
	const pairs = [];
	await Promise.all(
		candidates.map(async (p) => {
			const regs = await getAll('/registrations', { person: p.id }, 1).catch(() => []);
			for (const r of regs) if (r.validation !== 'rejected' && myEvents.includes(r.event_id)) pairs.push({ person: p, event_id: r.event_id });
		}),
	);
	const events = Object.fromEntries(await Promise.all([...new Set(pairs.map((x) => x.event_id))].map(async (id) => [id, await getEvent(id)])));
	const open = pairs.filter((x) => events[x.event_id].request_policy !== 'closed');
	open.sort((a, b) => a.event_id - b.event_id || a.person.id - b.person.id);
	const [theirOpps, myOpps, myRequests] = await Promise.all([
		getAll('/opportunities', { organisation: org.id, state: 'open' }, 1),
		getAll('/opportunities', { organisation: myOrganisation(), state: 'open' }, 1),
		getAll('/meeting-requests', { person: me }, 5),
	]);
	return { org, pairs: open, closed: pairs.length - open.length, events, theirOpps, myOpps, myRequests };
}

function NewRequest({ search }) {
	const state = useLoad(() => load(search), [search.toString()]);
	const d = state.data;
	const form = useForm({ pair: '', message: '', opportunity_id: '', priority: '2', invitee_id: '', event_id: '' });
	const pairKey = (x) => `${x.event_id}:${x.person.id}`;
	const chosen = d && (d.pairs.find((x) => pairKey(x) === form.values.pair) || (d.pairs.length === 1 ? d.pairs[0] : null));
	const ev = chosen && d.events[chosen.event_id];
	const active = chosen ? d.myRequests.filter((r) => r.event_id === chosen.event_id && ACTIVE.includes(r.state)).length : 0;
	const onSubmit = async (e) => {
		e.preventDefault();
		if (!chosen) {
			form.setErrors({ pair: t('newRequest.pickPerson') });
			return;
		}
		const v = form.values;
		const body = { event_id: chosen.event_id, requester_id: myPerson(), invitee_id: chosen.person.id, priority: Number(v.priority) };
		if (v.message.trim()) body.message = v.message.trim();
		if (v.opportunity_id) body.opportunity_id = Number(v.opportunity_id);
		const made = await form.submit(() => post('/meeting-requests', body));
		if (made) navigate('/requests?sent=' + made.id);
	};
	const pairError = form.errors.pair || form.errors.invitee_id || form.errors.event_id;
	return (
		<Page title={t('newRequest.title')} context={d ? t('newRequest.context', { org: d.org.name }) : null}>
			<Status state={state} empty={d && !d.pairs.length ? (d.closed ? t('newRequest.closedPolicy') : t('newRequest.nobody', { org: d.org.name })) : null}>
				{d && (
					<form class="card form-wide" onSubmit={onSubmit} noValidate>
						<FormError error={form.formError} />
						<Field label={t('newRequest.person')} error={pairError}>
							{(p) => (
								<select {...p} value={chosen ? pairKey(chosen) : ''} onChange={form.set('pair')} required>
									{d.pairs.length > 1 && <option value="">{t('newRequest.choose')}</option>}
									{d.pairs.map((x) => (
										<option key={pairKey(x)} value={pairKey(x)}>
											{t(x.person.role ? 'newRequest.personAt' : 'newRequest.personAtNoRole', { name: x.person.name, role: x.person.role, event: d.events[x.event_id].name })}
										</option>
									))}
								</select>
							)}
						</Field>
						{ev && (
							<p class="meta" role="status">
								{ev.meeting_cap
									? t('newRequest.cap', { count: active, cap: ev.meeting_cap, event: ev.name })
									: t('newRequest.noCap', { count: active, event: ev.name })}
								{ev.slots && ev.slots[0] ? ' · ' + formatDate(ev.slots[0].start, ev.time_zone) : ''}
							</p>
						)}
						<Field label={t('newRequest.message')} error={form.errors.message} hint={t('newRequest.messageHint')}>
							{(p) => <textarea {...p} maxLength={10000} rows={5} value={form.values.message} onInput={form.set('message')} />}
						</Field>
						<Field label={t('newRequest.opportunity')} error={form.errors.opportunity_id}>
							{(p) => (
								<select {...p} value={form.values.opportunity_id} onChange={form.set('opportunity_id')}>
									<option value="">{t('newRequest.noOpportunity')}</option>
									{d.theirOpps.length > 0 && (
										<optgroup label={t('newRequest.theirOpportunities', { org: d.org.name })}>
											{d.theirOpps.map((o) => (
												<option key={o.id} value={String(o.id)} lang={textLang(o.title, d.org.languages)}>
													{t('opportunity.typed', { type: o.type, title: o.title })}
												</option>
											))}
										</optgroup>
									)}
									{d.myOpps.length > 0 && (
										<optgroup label={t('newRequest.myOpportunities')}>
											{d.myOpps.map((o) => (
												<option key={o.id} value={String(o.id)}>
													{t('opportunity.typed', { type: o.type, title: o.title })}
												</option>
											))}
										</optgroup>
									)}
								</select>
							)}
						</Field>
						<Field label={t('newRequest.priority')} error={form.errors.priority} hint={t('newRequest.priorityHint')}>
							{(p) => (
								<select {...p} value={form.values.priority} onChange={form.set('priority')}>
									{['1', '2', '3'].map((n) => (
										<option key={n} value={n}>
											{t('priority.' + n)}
										</option>
									))}
								</select>
							)}
						</Field>
						<button type="submit" disabled={form.busy}>
							{t('newRequest.submit')}
						</button>
					</form>
				)}
			</Status>
		</Page>
	);
}

export default function RequestNew({ search }) {
	return (
		<SignedIn title={t('newRequest.title')} person>
			{() => <NewRequest search={search} />}
		</SignedIn>
	);
}
