// registrations.jsx - "Who is registered, and whom do I let in?": the
// event's registrations with their person and organisation, filtered by
// country, kind, attendance and validation; validate or refuse each one.
import { useMemo, useState } from 'preact/hooks';
import { patch } from '../../api.js';
import { t, collator, countryName } from '../../i18n.js';
import { setSearch } from '../../router.js';
import { account } from '../../session.js';
import { Page, Status, confirmAction, errorText, useLoad } from '../../ui.jsx';
import { EventNav, contextLine, registrationsWithPeople, useEvent } from './lib.jsx';
import { SignedOut } from './guard.jsx';

export const KINDS = ['city', 'region', 'sme', 'company', 'park', 'university', 'institute', 'association', 'agency', 'other'];
const PAGE = 50;

function Row({ r, onChange }) {
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState(null);
	const name = (r.person && r.person.name) || t('org.reg.person', { id: r.person_id });
	const set = async (validation) => {
		if (validation === 'rejected' && !confirmAction(t('org.reg.refuseConfirm', { name }))) return;
		setBusy(true);
		setError(null);
		try {
			const res = await patch(`/registrations/${r.id}`, { validation });
			onChange({ ...r, ...res });
		} catch (e) {
			setError(errorText(e));
		} finally {
			setBusy(false);
		}
	};
	return (
		<tr>
			<th scope="row">
				{name}
				{r.person && r.person.role && <div class="aside">{r.person.role}</div>}
			</th>
			<td>{r.org ? r.org.name : '—'}</td>
			<td>{r.org && r.org.country ? countryName(r.org.country) : '—'}</td>
			<td>{r.org && r.org.kind ? t('org.kind.' + r.org.kind) : '—'}</td>
			<td>{t('org.attendance.' + r.attendance)}</td>
			<td>
				<span class={'badge ' + r.validation}>{t('org.validation.' + r.validation)}</span>
				{r.checked_in && <div class="aside">{t('org.reg.checkedIn')}</div>}
			</td>
			<td>
				<div class="row-actions">
					{r.validation !== 'validated' && (
						<button type="button" class="small" disabled={busy} onClick={() => set('validated')} aria-label={t('org.reg.validateName', { name })}>
							{t('org.reg.validate')}
						</button>
					)}
					{r.validation !== 'rejected' && (
						<button type="button" class="quiet small" disabled={busy} onClick={() => set('rejected')} aria-label={t('org.reg.refuseName', { name })}>
							{t('org.reg.refuse')}
						</button>
					)}
				</div>
				{error && (
					<p class="field-error" role="alert">
						{error}
					</p>
				)}
			</td>
		</tr>
	);
}

export default function Registrations({ params, search }) {
	const id = params.id;
	const me = account.value;
	const ev = useEvent(id);
	const eventId = ev.data && ev.data.id;
	const regs = useLoad(() => (eventId && me ? registrationsWithPeople(eventId) : Promise.resolve(null)), [eventId, me && me.id]);
	const [changed, setChanged] = useState({});
	const f = {
		country: search.get('country') || '',
		kind: search.get('kind') || '',
		attendance: search.get('attendance') || '',
		validation: search.get('validation') || '',
		page: Number(search.get('page') || 0),
	};
	const setF = (k) => (e) => setSearch({ ...f, page: undefined, [k]: e.target.value });
	const all = useMemo(() => {
		const list = (regs.data || []).map((r) => changed[r.id] || r);
		const c = collator();
		return list.sort((a, b) => c.compare((a.person && a.person.name) || '', (b.person && b.person.name) || ''));
	}, [regs.data, changed]);
	const countries = useMemo(() => {
		const set = new Set(all.map((r) => r.org && r.org.country).filter(Boolean));
		const c = collator();
		return [...set].map((code) => ({ code, name: countryName(code) })).sort((a, b) => c.compare(a.name, b.name));
	}, [all]);
	if (me === undefined) return null;
	if (me === null) return <SignedOut title={t('org.reg.title')} />;
	const shown = all.filter(
		(r) =>
			(!f.country || (r.org && r.org.country === f.country)) &&
			(!f.kind || (r.org && r.org.kind === f.kind)) &&
			(!f.attendance || r.attendance === f.attendance) &&
			(!f.validation || r.validation === f.validation),
	);
	const pages = Math.max(1, Math.ceil(shown.length / PAGE));
	const page = Math.min(f.page, pages - 1);
	const slice = shown.slice(page * PAGE, page * PAGE + PAGE);
	const pending = all.filter((r) => r.validation === 'pending').length;
	const state = ev.error ? ev : regs;
	return (
		<Page title={t('org.reg.title')} context={contextLine(ev.data)} nav={<EventNav id={id} current="registrations" />}>
			<form class="filters" role="search" aria-label={t('org.reg.filters')} onSubmit={(e) => e.preventDefault()}>
				<div class="field">
					<label for="reg-country">{t('org.filter.country')}</label>
					<select id="reg-country" value={f.country} onChange={setF('country')}>
						<option value="">{t('org.filter.all')}</option>
						{countries.map((c) => (
							<option value={c.code} key={c.code}>
								{c.name}
							</option>
						))}
					</select>
				</div>
				<div class="field">
					<label for="reg-kind">{t('org.filter.kind')}</label>
					<select id="reg-kind" value={f.kind} onChange={setF('kind')}>
						<option value="">{t('org.filter.all')}</option>
						{KINDS.map((k) => (
							<option value={k} key={k}>
								{t('org.kind.' + k)}
							</option>
						))}
					</select>
				</div>
				<div class="field">
					<label for="reg-att">{t('org.filter.attendance')}</label>
					<select id="reg-att" value={f.attendance} onChange={setF('attendance')}>
						<option value="">{t('org.filter.all')}</option>
						<option value="onsite">{t('org.attendance.onsite')}</option>
						<option value="online">{t('org.attendance.online')}</option>
					</select>
				</div>
				<div class="field">
					<label for="reg-val">{t('org.filter.validation')}</label>
					<select id="reg-val" value={f.validation} onChange={setF('validation')}>
						<option value="">{t('org.filter.all')}</option>
						{['pending', 'validated', 'rejected'].map((v) => (
							<option value={v} key={v}>
								{t('org.validation.' + v)}
							</option>
						))}
					</select>
				</div>
			</form>
			<Status state={state} empty={regs.data && !shown.length ? (all.length ? t('org.reg.noMatch') : t('org.reg.empty')) : null}>
				<p role="status" class="meta">
					{t('org.reg.count', { count: shown.length, total: all.length, pending })}
				</p>
				<div class="table-wrap" tabIndex={0} role="region" aria-label={t('org.reg.tableLabel')}>
					<table>
						<caption class="visually-hidden">{t('org.reg.tableLabel')}</caption>
						<thead>
							<tr>
								<th scope="col">{t('org.reg.col.person')}</th>
								<th scope="col">{t('org.reg.col.organisation')}</th>
								<th scope="col">{t('org.reg.col.country')}</th>
								<th scope="col">{t('org.reg.col.kind')}</th>
								<th scope="col">{t('org.reg.col.attendance')}</th>
								<th scope="col">{t('org.reg.col.validation')}</th>
								<th scope="col">{t('org.reg.col.actions')}</th>
							</tr>
						</thead>
						<tbody>
							{slice.map((r) => (
								<Row key={r.id} r={r} onChange={(nr) => setChanged((c) => ({ ...c, [nr.id]: nr }))} />
							))}
						</tbody>
					</table>
				</div>
				{pages > 1 && (
					<nav class="pager" aria-label={t('paging.label')}>
						{page > 0 && (
							<button type="button" class="quiet" onClick={() => setSearch({ ...f, page: page - 1 || undefined })}>
								{t('org.paging.previous')}
							</button>
						)}
						<span class="aside">{t('org.paging.of', { page: page + 1, pages })}</span>
						{page < pages - 1 && (
							<button type="button" onClick={() => setSearch({ ...f, page: page + 1 })}>
								{t('paging.next')}
							</button>
						)}
					</nav>
				)}
			</Status>
		</Page>
	);
}
