// profile.jsx - "My profile": my name, role, languages, time zone and
// contact details; for representatives, the organisation's profile; my
// data (export) and the deletion of my account.
import { useState } from 'preact/hooks';
import { patch, post } from '../../api.js';
import { t, languageName, formatList } from '../../i18n.js';
import { navigate } from '../../router.js';
import { account, representedOrganisations } from '../../session.js';
import { Field, FormError, Page, Status, useForm, useLoad, confirmAction } from '../../ui.jsx';
import { forget, getOrganisation, getPerson, myPerson, textLang, ZONES } from './lib.js';
import { SignedIn } from './signed-in.jsx';

const list = (s) =>
	String(s || '')
		.split(/[,，\s]+/)
		.map((x) => x.trim())
		.filter(Boolean);

// Only what changed, as a merge patch (an emptied optional field is null).
function diff(before, after, fields) {
	const out = {};
	for (const f of fields) {
		const a = after[f];
		const b = before[f];
		if (JSON.stringify(a) === JSON.stringify(b)) continue;
		out[f] = a === '' || (Array.isArray(a) && !a.length && f !== 'languages') ? null : a;
	}
	return out;
}

function PersonForm({ person, onSaved }) {
	const form = useForm({
		name: person.name || '',
		role: person.role || '',
		languages: (person.languages || []).join(', '),
		time_zone: person.time_zone || 'UTC',
		email: person.email || '',
		phone: person.phone || '',
	});
	const [saved, setSaved] = useState(false);
	const zones = ZONES.includes(form.values.time_zone) ? ZONES : [form.values.time_zone, ...ZONES];
	const onSubmit = async (ev) => {
		ev.preventDefault();
		setSaved(false);
		const v = form.values;
		const after = { name: v.name.trim(), role: v.role.trim(), languages: list(v.languages), time_zone: v.time_zone, email: v.email.trim(), phone: v.phone.trim() };
		const body = diff(person, after, Object.keys(after));
		if (!Object.keys(body).length) {
			setSaved(true);
			return;
		}
		const p = await form.submit(() => patch(`/people/${person.id}`, body));
		if (p) {
			forget('people', person.id);
			setSaved(true);
			onSaved(p);
		}
	};
	return (
		<form class="card" onSubmit={onSubmit} noValidate aria-labelledby="me-title">
			<h2 id="me-title">{t('profile.personTitle')}</h2>
			<FormError error={form.formError} />
			{saved && (
				<div class="notice ok" role="status">
					{t('profile.saved')}
				</div>
			)}
			<Field label={t('field.name')} error={form.errors.name}>
				{(p) => <input {...p} required autocomplete="name" value={form.values.name} onInput={form.set('name')} />}
			</Field>
			<Field label={t('field.role')} error={form.errors.role}>
				{(p) => <input {...p} autocomplete="organization-title" value={form.values.role} onInput={form.set('role')} />}
			</Field>
			<Field label={t('field.languages')} error={form.errors.languages} hint={t('profile.languagesHint', { list: formatList(list(form.values.languages).map(languageName)) || '—' })}>
				{(p) => <input {...p} value={form.values.languages} onInput={form.set('languages')} />}
			</Field>
			<Field label={t('field.timeZone')} error={form.errors.time_zone} hint={t('profile.zoneHint')}>
				{(p) => (
					<select {...p} value={form.values.time_zone} onChange={form.set('time_zone')}>
						{zones.map((z) => (
							<option key={z} value={z}>
								{z.replace(/_/g, ' ')}
							</option>
						))}
					</select>
				)}
			</Field>
			<Field label={t('field.email')} error={form.errors.email} hint={t('profile.privateHint')}>
				{(p) => <input {...p} type="email" autocomplete="email" value={form.values.email} onInput={form.set('email')} />}
			</Field>
			<Field label={t('field.phone')} error={form.errors.phone} hint={t('profile.privateHint')}>
				{(p) => <input {...p} type="tel" autocomplete="tel" value={form.values.phone} onInput={form.set('phone')} />}
			</Field>
			<button type="submit" disabled={form.busy}>
				{t('profile.savePerson')}
			</button>
		</form>
	);
}

function OrganisationForm({ org }) {
	const form = useForm({
		name: org.name || '',
		city: org.city || '',
		website: org.website || '',
		languages: (org.languages || []).join(', '),
		description: org.description || '',
		interests: (org.interests || []).join('\n'),
	});
	const [saved, setSaved] = useState(false);
	const descLang = textLang(form.values.description, list(form.values.languages));
	const onSubmit = async (ev) => {
		ev.preventDefault();
		setSaved(false);
		const v = form.values;
		const after = {
			name: v.name.trim(),
			city: v.city.trim(),
			website: v.website.trim(),
			languages: list(v.languages),
			description: v.description.trim(),
			interests: v.interests.split('\n').map((x) => x.trim()).filter(Boolean),
		};
		const body = diff(org, after, Object.keys(after));
		if (!Object.keys(body).length) {
			setSaved(true);
			return;
		}
		const o = await form.submit(() => patch(`/organisations/${org.id}`, body));
		if (o) {
			forget('organisations', org.id);
			setSaved(true);
		}
	};
	return (
		<form class="card" onSubmit={onSubmit} noValidate aria-labelledby="org-title">
			<h2 id="org-title">{t('profile.orgTitle', { name: org.name })}</h2>
			<p class="meta">{t('profile.orgContext')}</p>
			<FormError error={form.formError} />
			{saved && (
				<div class="notice ok" role="status">
					{t('profile.saved')}
				</div>
			)}
			<Field label={t('field.orgName')} error={form.errors.name}>
				{(p) => <input {...p} required value={form.values.name} onInput={form.set('name')} />}
			</Field>
			<Field label={t('field.city')} error={form.errors.city}>
				{(p) => <input {...p} value={form.values.city} onInput={form.set('city')} />}
			</Field>
			<Field label={t('field.website')} error={form.errors.website}>
				{(p) => <input {...p} type="url" value={form.values.website} onInput={form.set('website')} />}
			</Field>
			<Field label={t('field.languages')} error={form.errors.languages} hint={t('profile.languagesHint', { list: formatList(list(form.values.languages).map(languageName)) || '—' })}>
				{(p) => <input {...p} value={form.values.languages} onInput={form.set('languages')} />}
			</Field>
			<Field label={t('field.description')} error={form.errors.description} hint={t('profile.descriptionHint', { language: languageName(descLang) })}>
				{(p) => <textarea {...p} rows={8} maxLength={10000} lang={descLang} value={form.values.description} onInput={form.set('description')} />}
			</Field>
			<Field label={t('field.interests')} error={form.errors.interests} hint={t('profile.interestsHint')}>
				{(p) => <textarea {...p} rows={4} value={form.values.interests} onInput={form.set('interests')} />}
			</Field>
			<button type="submit" disabled={form.busy}>
				{t('profile.saveOrg')}
			</button>
		</form>
	);
}

function MyData() {
	const form = useForm({ password: '' });
	const onDelete = async (ev) => {
		ev.preventDefault();
		if (!form.values.password) {
			form.setErrors({ password: t('profile.deletePasswordNeeded') });
			return;
		}
		if (!confirmAction(t('profile.deleteConfirm'))) return;
		const ok = await form.submit((v) => post('/me/delete', { password: v.password }).then(() => true));
		if (ok) {
			account.value = null;
			navigate('/?deleted=1');
		}
	};
	return (
		<section class="card" id="my-data" aria-labelledby="data-title">
			<h2 id="data-title">{t('profile.dataTitle')}</h2>
			<p>{t('profile.exportText')}</p>
			<p>
				<a class="button quiet" href="/api/v1/me/export" download="liaison-my-data.json">
					{t('profile.export')}
				</a>
			</p>
			<h3>{t('profile.deleteTitle')}</h3>
			<p>{t('profile.deleteText')}</p>
			<form onSubmit={onDelete} noValidate>
				<FormError error={form.formError} />
				<Field label={t('profile.deletePassword')} error={form.errors.password}>
					{(p) => <input {...p} type="password" autocomplete="current-password" value={form.values.password} onInput={form.set('password')} />}
				</Field>
				<button type="submit" class="danger" disabled={form.busy}>
					{t('profile.delete')}
				</button>
			</form>
		</section>
	);
}

function ProfilePage({ search }) {
	const pid = myPerson();
	const orgId = account.value.organisation_id;
	const reps = representedOrganisations();
	const state = useLoad(async () => {
		const person = pid ? await getPerson(pid) : null;
		const orgs = await Promise.all([...new Set([...(orgId && reps.includes(orgId) ? [orgId] : []), ...reps])].map((id) => getOrganisation(id)));
		return { person, orgs };
	}, [pid]);
	const [person, setPerson] = useState(null);
	const d = state.data;
	const p = person || (d && d.person);
	return (
		<Page title={t('profile.title')} context={p ? t('profile.context', { zone: p.time_zone }) : null}>
			{search.get('welcome') && (
				<div class="notice ok" role="status">
					{t('profile.welcome')}
				</div>
			)}
			<Status state={state}>
				{d && (
					<div class="stack">
						{p ? <PersonForm person={p} onSaved={setPerson} /> : <p class="notice">{t('signedIn.noPerson')}</p>}
						{d.orgs.map((o) => (
							<OrganisationForm key={o.id} org={o} />
						))}
						<MyData />
					</div>
				)}
			</Status>
		</Page>
	);
}

export default function Profile({ search }) {
	return <SignedIn title={t('profile.title')}>{() => <ProfilePage search={search} />}</SignedIn>;
}
