// event-form.jsx - "How is this event set up?": create an event (admins) or
// edit one (its organisers): place, venue time zone, mode, days and slots,
// tables, request policy, cap, live stream, profile validation. A server
// error lands next to the field it names (slots[2].start -> the slots).
import { useEffect, useMemo, useState } from 'preact/hooks';
import { get, patch, post } from '../../api.js';
import { t, countryName, collator, zoneCity, formatNumber } from '../../i18n.js';
import { navigate } from '../../router.js';
import { account, isAdmin } from '../../session.js';
import { Field, FormError, Page, Status, useForm, useLoad } from '../../ui.jsx';
import { COUNTRIES, EventNav, contextLine, dayKey, dayLabel, generateSlots, slotVenueTime, slotViewerTime, timeZones } from './lib.jsx';
import { SignedOut } from './guard.jsx';

const EMPTY = {
	name: '',
	description: '',
	venue: '',
	city: '',
	country: '',
	series: '',
	time_zone: 'Asia/Shanghai',
	mode: 'hybrid',
	tables: '0',
	request_policy: 'open',
	meeting_cap: '',
	stream_url: '',
	profile_validation: false,
	slots: [],
};

function fromEvent(ev) {
	return {
		name: ev.name || '',
		description: ev.description || '',
		venue: ev.venue || '',
		city: ev.city || '',
		country: ev.country || '',
		series: ev.series || '',
		time_zone: ev.time_zone || 'UTC',
		mode: ev.mode || 'hybrid',
		tables: String(ev.tables ?? 0),
		request_policy: ev.request_policy || 'open',
		meeting_cap: ev.meeting_cap ? String(ev.meeting_cap) : '',
		stream_url: ev.stream_url || '',
		profile_validation: !!ev.profile_validation,
		slots: (ev.slots || []).map((s) => ({ id: s.id, ref: s.ref, start: s.start, minutes: s.minutes })),
	};
}

const TEXT = ['name', 'description', 'venue', 'city', 'country', 'series', 'stream_url'];

// The body to send: everything for a new event, the changed fields for an edit.
function body(values, before) {
	const out = {};
	for (const k of TEXT) {
		const v = values[k].trim();
		if (!before) {
			if (v) out[k] = v;
		} else if (v !== (before[k] || '')) out[k] = v || null;
	}
	if (k_changed('time_zone')) out.time_zone = values.time_zone;
	if (k_changed('mode')) out.mode = values.mode;
	if (k_changed('request_policy')) out.request_policy = values.request_policy;
	if (k_changed('profile_validation')) out.profile_validation = values.profile_validation;
	const tables = values.tables === '' ? 0 : Number(values.tables);
	if (!before || tables !== Number(before.tables)) out.tables = Number.isFinite(tables) ? tables : values.tables;
	const cap = values.meeting_cap === '' ? null : Number(values.meeting_cap);
	if (!before) {
		if (cap !== null) out.meeting_cap = cap;
	} else if (String(values.meeting_cap) !== String(before.meeting_cap)) out.meeting_cap = cap;
	const slots = values.slots.map((s) => {
		const o = { start: s.start, minutes: s.minutes };
		if (s.ref) o.ref = s.ref;
		if (before && s.id) o.id = s.id;
		return o;
	});
	if (!before || JSON.stringify(slots) !== JSON.stringify(before.slots.map((s) => ({ start: s.start, minutes: s.minutes, ...(s.ref ? { ref: s.ref } : {}), ...(s.id ? { id: s.id } : {}) }))))
		out.slots = slots;
	return out;
	function k_changed(k) {
		return !before || values[k] !== before[k];
	}
}

// Days and slots: a generator (day, from, to, length) and the slots by day.
function Slots({ slots, zone, onChange, error }) {
	const [gen, setGen] = useState({ date: '', from: '09:00', to: '12:00', minutes: '20', pause: '0' });
	const [genError, setGenError] = useState(null);
	const setG = (k) => (e) => setGen({ ...gen, [k]: e.target.value });
	const days = useMemo(() => {
		const m = new Map();
		[...slots].sort((a, b) => new Date(a.start) - new Date(b.start)).forEach((s) => {
			const k = dayKey(s.start, zone);
			if (!m.has(k)) m.set(k, []);
			m.get(k).push(s);
		});
		return [...m.entries()];
	}, [slots, zone]);
	const add = () => {
		const minutes = Number(gen.minutes);
		const pause = Number(gen.pause || 0);
		if (!/^\d{4}-\d{2}-\d{2}$/.test(gen.date)) return setGenError(t('org.slots.needDay'));
		if (!(minutes >= 5 && minutes <= 240)) return setGenError(t('org.slots.badLength'));
		if (!(pause >= 0)) return setGenError(t('org.slots.badPause'));
		if (!gen.from || !gen.to || gen.to <= gen.from) return setGenError(t('org.slots.badRange'));
		const made = generateSlots({ date: gen.date, from: gen.from, to: gen.to, minutes, pause, zone });
		if (!made.length) return setGenError(t('org.slots.none'));
		const taken = new Set(slots.map((s) => new Date(s.start).getTime()));
		const fresh = made.filter((s) => !taken.has(new Date(s.start).getTime()));
		setGenError(null);
		onChange([...slots, ...fresh].sort((a, b) => new Date(a.start) - new Date(b.start)));
	};
	return (
		<fieldset class={error ? 'group has-error' : 'group'} aria-describedby={error ? 'slots-err' : undefined}>
			<legend>{t('org.slots.legend')}</legend>
			<p class="hint">{t('org.slots.hint', { zone: zoneCity(zone), tz: zone })}</p>
			{error && (
				<p id="slots-err" class="field-error" role="alert">
					{error}
				</p>
			)}
			<div class="filters">
				<Field label={t('org.slots.day')}>{(p) => <input {...p} type="date" value={gen.date} onInput={setG('date')} />}</Field>
				<Field label={t('org.slots.from', { zone: zoneCity(zone) })}>{(p) => <input {...p} type="time" value={gen.from} onInput={setG('from')} />}</Field>
				<Field label={t('org.slots.to', { zone: zoneCity(zone) })}>{(p) => <input {...p} type="time" value={gen.to} onInput={setG('to')} />}</Field>
				<Field label={t('org.slots.length')}>
					{(p) => <input {...p} type="number" min="5" max="240" step="5" value={gen.minutes} onInput={setG('minutes')} />}
				</Field>
				<Field label={t('org.slots.pause')}>{(p) => <input {...p} type="number" min="0" max="240" value={gen.pause} onInput={setG('pause')} />}</Field>
				<button type="button" class="quiet" onClick={add}>
					{t('org.slots.add')}
				</button>
			</div>
			{genError && (
				<p class="field-error" role="alert">
					{genError}
				</p>
			)}
			{!days.length ? (
				<p class="empty">{t('org.slots.empty')}</p>
			) : (
				<ul class="days">
					{days.map(([day, list]) => (
						<li key={day}>
							<div class="day-head">
								<h3>
									{dayLabel(day)} · {t('org.slots.count', { count: list.length })}
								</h3>
								<button type="button" class="quiet" onClick={() => onChange(slots.filter((s) => dayKey(s.start, zone) !== day))}>
									{t('org.slots.removeDay', { day: dayLabel(day) })}
								</button>
							</div>
							<ul class="slot-list">
								{list.map((s) => {
									const v = slotViewerTime(s.start, zone);
									return (
										<li key={s.start}>
											<span>
												{slotVenueTime(s.start, zone)}
												{v && <span class="aside"> · {v}</span>}
												<span class="aside"> · {t('org.slots.minutes', { count: s.minutes })}</span>
											</span>
											<button
												type="button"
												class="quiet small"
												aria-label={t('org.slots.remove', { time: slotVenueTime(s.start, zone), day: dayLabel(day) })}
												onClick={() => onChange(slots.filter((x) => x !== s))}
											>
												×
											</button>
										</li>
									);
								})}
							</ul>
						</li>
					))}
				</ul>
			)}
		</fieldset>
	);
}

export default function EventForm({ params }) {
	const id = params.id;
	const me = account.value;
	const existing = useLoad(() => (id ? get(`/events/${encodeURIComponent(id)}`) : Promise.resolve(null)), [id, me && me.id]);
	const form = useForm(EMPTY);
	const [before, setBefore] = useState(null);
	const [saved, setSaved] = useState(null);
	useEffect(() => {
		if (existing.data) {
			const v = fromEvent(existing.data);
			form.setValues(v);
			setBefore(v);
		}
	}, [existing.data]);
	const zones = useMemo(() => timeZones(form.values.time_zone), [form.values.time_zone]);
	const countries = useMemo(() => {
		const c = collator();
		return COUNTRIES.map((code) => ({ code, name: countryName(code) })).sort((a, b) => c.compare(a.name, b.name));
	}, []);
	if (me === undefined) return null;
	const title = id ? t('org.form.editTitle') : t('org.form.newTitle');
	if (me === null) return <SignedOut title={title} />;
	if (!id && !isAdmin())
		return (
			<Page title={title}>
				<p class="notice">{t('org.form.adminOnly')}</p>
			</Page>
		);
	const v = form.values;
	const onSubmit = async (e) => {
		e.preventDefault();
		setSaved(null);
		const b = body(v, id ? before : null);
		if (id && !Object.keys(b).length) return setSaved(t('org.form.nothing'));
		const res = await form.submit(() => (id ? patch(`/events/${existing.data.id}`, b) : post('/events', b)));
		if (!res) return;
		if (!id) navigate(`/organise/events/${res.id}/settings?created=1`);
		else {
			const nv = fromEvent(res);
			form.setValues(nv);
			setBefore(nv);
			setSaved(t('org.form.saved'));
		}
	};
	const err = form.errors;
	const inner = (
		<form onSubmit={onSubmit} noValidate class="event-form">
			<FormError error={form.formError} />
			<div class="grid-2">
				<Field label={t('org.field.name')} error={err.name}>
					{(p) => <input {...p} required maxLength={300} value={v.name} onInput={form.set('name')} />}
				</Field>
				<Field label={t('org.field.series')} error={err.series}>
					{(p) => <input {...p} maxLength={300} value={v.series} onInput={form.set('series')} />}
				</Field>
			</div>
			<Field label={t('org.field.description')} error={err.description}>
				{(p) => <textarea {...p} maxLength={10000} value={v.description} onInput={form.set('description')} />}
			</Field>
			<div class="grid-2">
				<Field label={t('org.field.venue')} error={err.venue}>
					{(p) => <input {...p} maxLength={300} value={v.venue} onInput={form.set('venue')} />}
				</Field>
				<Field label={t('org.field.city')} error={err.city}>
					{(p) => <input {...p} maxLength={300} value={v.city} onInput={form.set('city')} />}
				</Field>
				<Field label={t('org.field.country')} error={err.country}>
					{(p) => (
						<select {...p} value={v.country} onChange={form.set('country')}>
							<option value="">{t('org.field.none')}</option>
							{countries.map((c) => (
								<option value={c.code} key={c.code}>
									{c.name} ({c.code})
								</option>
							))}
						</select>
					)}
				</Field>
				<Field label={t('org.field.timeZone')} error={err.time_zone} hint={t('org.field.timeZoneHint')}>
					{(p) => (
						<select {...p} required value={v.time_zone} onChange={form.set('time_zone')}>
							{zones.map((z) => (
								<option value={z} key={z}>
									{z}
								</option>
							))}
						</select>
					)}
				</Field>
				<Field label={t('org.field.mode')} error={err.mode}>
					{(p) => (
						<select {...p} value={v.mode} onChange={form.set('mode')}>
							{['onsite', 'online', 'hybrid'].map((m) => (
								<option value={m} key={m}>
									{t('event.mode.' + m)}
								</option>
							))}
						</select>
					)}
				</Field>
				<Field label={t('org.field.tables')} error={err.tables} hint={t('org.field.tablesHint')}>
					{(p) => <input {...p} type="number" min="0" max="10000" value={v.tables} onInput={form.set('tables')} />}
				</Field>
				<Field label={t('org.field.policy')} error={err.request_policy}>
					{(p) => (
						<select {...p} value={v.request_policy} onChange={form.set('request_policy')}>
							<option value="open">{t('org.policy.open')}</option>
							<option value="closed">{t('org.policy.closed')}</option>
						</select>
					)}
				</Field>
				<Field label={t('org.field.cap')} error={err.meeting_cap} hint={t('org.field.capHint')}>
					{(p) => <input {...p} type="number" min="1" max="1000" value={v.meeting_cap} onInput={form.set('meeting_cap')} />}
				</Field>
			</div>
			<Field label={t('org.field.stream')} error={err.stream_url}>
				{(p) => <input {...p} type="url" maxLength={300} placeholder="https://" value={v.stream_url} onInput={form.set('stream_url')} />}
			</Field>
			<div class={err.profile_validation ? 'check has-error' : 'check'}>
				<input
					id="ev-validation"
					type="checkbox"
					checked={v.profile_validation}
					onChange={form.set('profile_validation')}
					aria-describedby="ev-validation-hint"
				/>
				<label for="ev-validation">{t('org.field.validation')}</label>
				<small id="ev-validation-hint" class="hint">
					{t('org.field.validationHint')}
				</small>
				{err.profile_validation && (
					<p class="field-error" role="alert">
						{err.profile_validation}
					</p>
				)}
			</div>
			<Slots slots={v.slots} zone={v.time_zone} error={err.slots} onChange={(s) => form.setValues((x) => ({ ...x, slots: s }))} />
			{saved && (
				<p class="notice ok" role="status">
					{saved}
				</p>
			)}
			<div class="form-actions">
				<button type="submit" disabled={form.busy}>
					{id ? t('org.form.save') : t('org.form.create')}
				</button>
				<span class="aside">{t('org.form.slotTotal', { count: v.slots.length, tables: formatNumber(Number(v.tables) || 0) })}</span>
			</div>
		</form>
	);
	if (!id) return <Page title={title} context={t('org.form.newContext')}>{inner}</Page>;
	return (
		<Page title={title} context={contextLine(existing.data)} nav={<EventNav id={id} current="settings" />}>
			<Status state={existing}>{existing.data && inner}</Status>
		</Page>
	);
}
