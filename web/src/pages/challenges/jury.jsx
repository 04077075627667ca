// jury.jsx - "Who is on the jury, and where are they conflicted?": for the
// organisers, each member with their organisation, country, expertise
// (thesaurus concepts), load cap and declared conflicts (submissions),
// each editable; a member added by account id. Conflicts by organisation,
// country and past agreements are found by the assignment itself.
import { useState } from 'preact/hooks';
import { get, put } from '../../api.js';
import { countryName, formatNumber, t } from '../../i18n.js';
import { Field, FormError, Page, Status, useForm, useLoad } from '../../ui.jsx';
import { SignedIn } from '../participant/signed-in.jsx';
import { ChallengeNav, StateBadge, Tr, orgName, organisations } from './lib.jsx';

const listOf = (text) =>
	text
		.split(/[,\s]+/)
		.map((x) => x.trim())
		.filter(Boolean);

function MemberForm({ id, m, subs, onSaved, title }) {
	const f = useForm({
		account_id: m ? String(m.account_id) : '',
		expertise: m ? m.expertise.join(', ') : '',
		cap: m && m.cap !== null && m.cap !== undefined ? String(m.cap) : '',
		conflicts: m ? m.conflicts.map(String) : [],
	});
	const toggle = (sid) => f.setValues((v) => ({ ...v, conflicts: v.conflicts.includes(sid) ? v.conflicts.filter((x) => x !== sid) : [...v.conflicts, sid] }));
	const send = (ev) => {
		ev.preventDefault();
		f.submit(async (v) => {
			if (!m && !/^\d+$/.test(v.account_id)) {
				f.setErrors({ account_id: t('ch.jury.accountNeeded') });
				return;
			}
			const body = { expertise: listOf(v.expertise), conflicts: v.conflicts.map(Number) };
			if (v.cap !== '') body.cap = Number(v.cap);
			onSaved(await put(`/challenges/${id}/jury/${m ? m.account_id : v.account_id}`, body));
		});
	};
	const fid = m ? `m${m.account_id}` : 'new';
	return (
		<form onSubmit={send} noValidate aria-label={title}>
			<FormError error={f.formError} />
			<div class="grid-2">
				{!m && (
					<Field label={t('ch.jury.account')} error={f.errors.account_id}>
						{(a) => <input {...a} inputMode="numeric" value={f.values.account_id} onInput={f.set('account_id')} />}
					</Field>
				)}
				<Field label={t('ch.jury.expertise')} hint={t('ch.jury.expertiseHint')} error={f.errors.expertise}>
					{(a) => <input {...a} value={f.values.expertise} onInput={f.set('expertise')} />}
				</Field>
				<Field label={t('ch.jury.cap')} error={f.errors.cap}>
					{(a) => <input {...a} type="number" min="0" value={f.values.cap} onInput={f.set('cap')} />}
				</Field>
			</div>
			{subs.length > 0 && (
				<fieldset class="group">
					<legend>{t('ch.jury.conflicts')}</legend>
					{subs.map((s) => (
						<p class="check" key={s.id}>
							<input id={`${fid}-c${s.id}`} type="checkbox" checked={f.values.conflicts.includes(String(s.id))} onChange={() => toggle(String(s.id))} />
							<label for={`${fid}-c${s.id}`}>{s.title}</label>
						</p>
					))}
				</fieldset>
			)}
			<div class="form-actions">
				<button type="submit" class={m ? 'quiet' : ''} disabled={f.busy}>
					{m ? t('ch.jury.save') : t('ch.jury.add')}
				</button>
			</div>
		</form>
	);
}

function JuryView({ id }) {
	const [fresh, setFresh] = useState(null);
	const state = useLoad(async () => {
		const [ch, jury, subs] = await Promise.all([get(`/challenges/${id}`), get(`/challenges/${id}/jury`), get(`/challenges/${id}/submissions`)]);
		const orgs = await organisations(jury.items.map((m) => m.organisation_id).filter(Boolean));
		return { ch, jury: jury.items, subs: subs.items, orgs };
	}, [id]);
	const d = state.data;
	const jury = fresh || (d && d.jury);
	return (
		<Page title={t('ch.jury.title')} nav={<ChallengeNav id={id} current="jury" />} context={d && <><Tr texts={d.ch.title} /> · <StateBadge state={d.ch.state} /></>}>
			<Status state={state}>
				{d && (
					<div class="stack">
						<p class="hint">{t('ch.jury.explain')}</p>
						<ul class="cards" aria-label={t('ch.jury.members', { count: jury.length })}>
							{jury.map((m) => (
								<li key={m.account_id} class="card">
									<h2 class="card-title">{m.name || m.email}</h2>
									<p class="meta">
										{m.email}
										{m.organisation_id && ' · ' + orgName(d.orgs, m.organisation_id)}
										{m.country && ' · ' + countryName(m.country)}
										{' · '}
										{m.cap === null || m.cap === undefined ? t('ch.jury.noCap') : t('ch.jury.capOf', { cap: formatNumber(m.cap) })}
									</p>
									<MemberForm id={id} m={m} subs={d.subs} onSaved={(r) => setFresh(r.items)} title={t('ch.jury.editOf', { name: m.name || m.email })} />
								</li>
							))}
						</ul>
						<section class="card" aria-labelledby="add-h">
							<h2 id="add-h">{t('ch.jury.addTitle')}</h2>
							<MemberForm id={id} subs={d.subs} onSaved={(r) => setFresh(r.items)} title={t('ch.jury.addTitle')} />
						</section>
					</div>
				)}
			</Status>
		</Page>
	);
}

export default function JuryPage({ params }) {
	return <SignedIn title={t('ch.jury.title')}>{() => <JuryView id={params.id} />}</SignedIn>;
}
