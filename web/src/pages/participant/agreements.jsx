// agreements.jsx - "Where do our agreements stand?": the agreements of my
// organisation with their parties, state and dated history; a
// representative moves one along intent -> signed -> in progress ->
// completed (or abandons it); ?meeting=ID opens the form that records an
// agreement made at that meeting (parties and event come from it).
import { get, patch, post } from '../../api.js';
import { t, formatDate, viewerZone } from '../../i18n.js';
import { location } from '../../router.js';
import { account } from '../../session.js';
import { Field, FormError, Page, Status, errorText, useForm, useLoad } from '../../ui.jsx';
import { SignedIn } from './signed-in.jsx';
import { useState } from 'preact/hooks';

const KINDS = ['letter_of_intent', 'mou', 'cooperation_agreement', 'contract', 'pilot_project', 'joint_funding_application'];
const NEXT = { intent: ['signed', 'abandoned'], signed: ['in_progress', 'abandoned'], in_progress: ['completed', 'abandoned'] };

async function load(org) {
	const list = await get('/agreements', { organisation: org, limit: 200 });
	const ids = [...new Set(list.items.flatMap((a) => a.parties))];
	const orgs = await Promise.all(ids.map((id) => get(`/organisations/${id}`).catch(() => ({ id, name: '#' + id }))));
	const names = Object.fromEntries(orgs.map((o) => [o.id, o.name]));
	return { items: list.items, names };
}

function NewAgreement({ meeting, onDone }) {
	const f = useForm({ title: '', kind: 'letter_of_intent' });
	const send = (ev) => {
		ev.preventDefault();
		f.submit(async (v) => onDone(await post(`/meetings/${meeting}/agreement`, { title: v.title, kind: v.kind })));
	};
	return (
		<form class="card outcome-form" onSubmit={send} aria-labelledby="ag-new">
			<h2 id="ag-new">{t('ag.new')}</h2>
			<FormError error={f.formError} />
			<Field label={t('ag.title')} error={f.errors.title}>
				{(a) => <input {...a} value={f.values.title} onInput={f.set('title')} required maxLength={300} />}
			</Field>
			<Field label={t('ag.kind')} error={f.errors.kind}>
				{(a) => (
					<select {...a} value={f.values.kind} onChange={f.set('kind')}>
						{KINDS.map((k) => (
							<option key={k} value={k}>
								{t('ag.kind.' + k)}
							</option>
						))}
					</select>
				)}
			</Field>
			<button type="submit" disabled={f.busy}>
				{t('ag.create')}
			</button>
		</form>
	);
}

function Agreement({ a, names, onChange }) {
	const [error, setError] = useState(null);
	const move = async (state) => {
		setError(null);
		try {
			onChange(await patch(`/agreements/${a.id}`, { state }));
		} catch (err) {
			setError(errorText(err));
		}
	};
	return (
		<li class="card agreement">
			<h2 class="agreement-title">{a.title}</h2>
			<p class="meta">
				{t('ag.kind.' + a.kind)} · {t('ag.state.' + (a.state || 'intent'))}
				{a.date && ' · ' + formatDate(a.date + 'T12:00:00Z', viewerZone())}
			</p>
			<p>{t('ag.parties', { names: a.parties.map((p) => names[p] || '#' + p).join(' · ') })}</p>
			{(NEXT[a.state || 'intent'] || []).length > 0 && (
				<p class="actions">
					{NEXT[a.state || 'intent'].map((s) => (
						<button key={s} type="button" class={s === 'abandoned' ? 'quiet' : ''} onClick={() => move(s)}>
							{t('ag.to.' + s)}
						</button>
					))}
				</p>
			)}
			<FormError error={error} />
			{a.history && a.history.length > 0 && (
				<ol class="history meta" aria-label={t('ag.history')}>
					{a.history.map((h, i) => (
						<li key={i}>
							{t('ag.step', {
								from: h.from ? t('ag.state.' + h.from) : '—',
								to: t('ag.state.' + h.to),
								date: formatDate(h.at, viewerZone()),
								by: h.by_email || '—',
							})}
						</li>
					))}
				</ol>
			)}
		</li>
	);
}

function AgreementsPage() {
	const org = account.value && account.value.organisation_id;
	const meeting = location.value.search.get('meeting');
	const [tick, setTick] = useState(0);
	const state = useLoad(() => (org ? load(org) : Promise.resolve({ items: [], names: {} })), [org, tick]);
	const d = state.data;
	const reload = () => setTick((n) => n + 1);
	return (
		<Page title={t('ag.pageTitle')} context={t('ag.context')}>
			{meeting && <NewAgreement meeting={meeting} onDone={reload} />}
			<Status state={state} empty={d && !d.items.length ? t('ag.none') : null}>
				{d && (
					<ul class="cards agreements">
						{d.items.map((a) => (
							<Agreement key={a.id} a={a} names={d.names} onChange={reload} />
						))}
					</ul>
				)}
			</Status>
		</Page>
	);
}

export default function Agreements() {
	return (
		<SignedIn title={t('ag.pageTitle')} person>
			{() => <AgreementsPage />}
		</SignedIn>
	);
}
