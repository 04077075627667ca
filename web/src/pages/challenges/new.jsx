// new.jsx - "What do we call for?": an admin opens a new challenge as a
// draft: its title and description in English and Chinese, the organiser's
// time zone and the open and close instants in it (shown with the zone),
// eligibility, criteria with weights, and tracks with a pilot city. The
// server's problem for a field shows next to that field.
import { post } from '../../api.js';
import { t } from '../../i18n.js';
import { navigate } from '../../router.js';
import { isAdmin } from '../../session.js';
import { Field, FormError, Page, useForm } from '../../ui.jsx';
import { SignedIn } from '../participant/signed-in.jsx';
import { timeZones, zonedIso } from '../organiser/lib.jsx';

const KINDS = ['university', 'institute', 'company', 'sme', 'city', 'region', 'park', 'association', 'agency', 'other'];

const texts = (en, zh) => {
	const o = {};
	if (en.trim()) o.en = en.trim();
	if (zh.trim()) o.zh = zh.trim();
	return Object.keys(o).length ? o : undefined;
};
const lines = (s) =>
	s
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean);

// "innovation; 40; Innovation; 创新性" -> a criterion.
const criteriaOf = (s) =>
	lines(s).map((l) => {
		const [id, weight, en, zh] = l.split(';').map((x) => (x || '').trim());
		return { id, weight: Number(weight), label: texts(en || id, zh || '') };
	});
// "Renewal of old industrial parks; 老旧工业园区更新; 成都" -> a track.
const tracksOf = (s) =>
	lines(s).map((l) => {
		const [en, zh, city] = l.split(';').map((x) => (x || '').trim());
		const tr = { title: texts(en || '', zh || '') };
		if (city) tr.pilot = { city };
		return tr;
	});

function NewForm() {
	const f = useForm({
		title_en: '',
		title_zh: '',
		description_en: '',
		description_zh: '',
		time_zone: 'Asia/Shanghai',
		opens_date: '',
		opens_time: '09:00',
		closes_date: '',
		closes_time: '23:59',
		kinds: ['university', 'institute', 'company', 'sme'],
		countries: '',
		criteria: 'innovation; 40; Innovation; 创新性\nfeasibility; 60; Feasibility; 可行性',
		tracks: '',
		title: '',
		description: '',
		opens_at: '',
		closes_at: '',
		eligibility: '',
	});
	const v = f.values;
	const toggle = (k) => f.setValues((s) => ({ ...s, kinds: s.kinds.includes(k) ? s.kinds.filter((x) => x !== k) : [...s.kinds, k] }));
	const send = (ev) => {
		ev.preventDefault();
		f.submit(async (x) => {
			const body = {
				title: texts(x.title_en, x.title_zh),
				time_zone: x.time_zone,
				opens_at: x.opens_date ? zonedIso(x.opens_date, x.opens_time, x.time_zone) : '',
				closes_at: x.closes_date ? zonedIso(x.closes_date, x.closes_time, x.time_zone) : '',
				eligibility: { kinds: x.kinds, countries: x.countries.split(/[,\s]+/).filter(Boolean).map((c) => c.toUpperCase()) },
				criteria: criteriaOf(x.criteria),
				tracks: tracksOf(x.tracks),
			};
			const d = texts(x.description_en, x.description_zh);
			if (d) body.description = d;
			const ch = await post('/challenges', body);
			navigate(`/challenges/${ch.id}/manage`);
		});
	};
	return (
		<form class="card form-wide" onSubmit={send} noValidate aria-label={t('ch.new.title')}>
			<FormError error={f.formError} />
			<div class="grid-2">
				<Field label={t('ch.new.titleEn')} error={f.errors.title}>
					{(a) => <input {...a} lang="en" value={v.title_en} onInput={f.set('title_en')} />}
				</Field>
				<Field label={t('ch.new.titleZh')}>{(a) => <input {...a} lang="zh-CN" value={v.title_zh} onInput={f.set('title_zh')} />}</Field>
				<Field label={t('ch.new.descriptionEn')} error={f.errors.description}>
					{(a) => <textarea {...a} lang="en" rows={3} value={v.description_en} onInput={f.set('description_en')} />}
				</Field>
				<Field label={t('ch.new.descriptionZh')}>{(a) => <textarea {...a} lang="zh-CN" rows={3} value={v.description_zh} onInput={f.set('description_zh')} />}</Field>
			</div>
			<Field label={t('ch.new.zone')} hint={t('ch.new.zoneHint')} error={f.errors.time_zone}>
				{(a) => (
					<select {...a} value={v.time_zone} onChange={f.set('time_zone')}>
						{timeZones(v.time_zone).map((z) => (
							<option key={z} value={z}>
								{z}
							</option>
						))}
					</select>
				)}
			</Field>
			<div class="grid-2">
				<Field label={t('ch.new.opens', { zone: v.time_zone })} error={f.errors.opens_at}>
					{(a) => <input {...a} type="date" value={v.opens_date} onInput={f.set('opens_date')} />}
				</Field>
				<Field label={t('ch.new.opensTime', { zone: v.time_zone })}>{(a) => <input {...a} type="time" value={v.opens_time} onInput={f.set('opens_time')} />}</Field>
				<Field label={t('ch.new.closes', { zone: v.time_zone })} error={f.errors.closes_at}>
					{(a) => <input {...a} type="date" value={v.closes_date} onInput={f.set('closes_date')} />}
				</Field>
				<Field label={t('ch.new.closesTime', { zone: v.time_zone })}>{(a) => <input {...a} type="time" value={v.closes_time} onInput={f.set('closes_time')} />}</Field>
			</div>
			<fieldset class="group">
				<legend>{t('ch.eligible')}</legend>
				{KINDS.map((k) => (
					<p class="check" key={k}>
						<input id={`kind-${k}`} type="checkbox" checked={v.kinds.includes(k)} onChange={() => toggle(k)} />
						<label for={`kind-${k}`}>{t('ch.kind.' + k)}</label>
					</p>
				))}
			</fieldset>
			<Field label={t('ch.new.countries')} hint={t('ch.new.countriesHint')} error={f.errors.eligibility}>
				{(a) => <input {...a} value={v.countries} onInput={f.set('countries')} />}
			</Field>
			<Field label={t('ch.criteria')} hint={t('ch.new.criteriaHint')} error={f.errors.criteria}>
				{(a) => <textarea {...a} rows={4} value={v.criteria} onInput={f.set('criteria')} />}
			</Field>
			<Field label={t('ch.tracksTitle')} hint={t('ch.new.tracksHint')} error={f.errors.tracks}>
				{(a) => <textarea {...a} rows={4} value={v.tracks} onInput={f.set('tracks')} />}
			</Field>
			<div class="form-actions">
				<button type="submit" disabled={f.busy}>
					{t('ch.new.create')}
				</button>
			</div>
		</form>
	);
}

export default function NewChallengePage() {
	return (
		<SignedIn title={t('ch.new.title')}>
			{() => (
				<Page title={t('ch.new.title')} context={t('ch.new.context')}>
					{isAdmin() ? <NewForm /> : <p class="notice">{t('ch.new.adminsOnly')}</p>}
				</Page>
			)}
		</SignedIn>
	);
}
