// accounts.jsx - "Who has which rights?": accounts with a search by e-mail
// and a role filter, paged; each account's roles can be edited.
import { useEffect, useRef, useState } from 'preact/hooks';
import { put } from '../../api.js';
import { formatList, t } from '../../i18n.js';
import { setSearch } from '../../router.js';
import { account, isAdmin } from '../../session.js';
import { Page, errorText, whenText } from '../../ui.jsx';
import { PagedTable, adminGate, roleText, usePaged } from './admin.jsx';

const ROLES = ['admin', 'organiser', 'representative', 'jury'];

function RolesDialog({ acc, onClose, onSaved }) {
	const ref = useRef(null);
	const [roles, setRoles] = useState(acc.roles || []);
	const [add, setAdd] = useState({ role: 'organiser', scope: 'event', scope_id: '' });
	const [error, setError] = useState(null);
	const [addError, setAddError] = useState(null);
	const [busy, setBusy] = useState(false);
	useEffect(() => {
		const d = ref.current;
		d.showModal();
		const close = () => onClose();
		d.addEventListener('close', close);
		return () => d.removeEventListener('close', close);
	}, []);
	const addRole = (e) => {
		e.preventDefault();
		setAddError(null);
		if (add.role === 'admin') {
			if (!roles.some((r) => r.role === 'admin')) setRoles([...roles, { role: 'admin' }]);
			return;
		}
		const n = Number(add.scope_id);
		if (!Number.isInteger(n) || n < 1) return setAddError(t('org.acc.needScope'));
		const scope = add.role === 'organiser' ? add.scope : add.role === 'jury' ? 'challenge' : 'organisation';
		const r = { role: add.role, scope, scope_id: n };
		if (!roles.some((x) => x.role === r.role && x.scope === r.scope && x.scope_id === r.scope_id)) setRoles([...roles, r]);
	};
	const save = async () => {
		setBusy(true);
		setError(null);
		try {
			const body = {
				roles: roles.map((r) => {
					if (r.role === 'admin') return { role: 'admin' };
					const o = { role: r.role, scope_id: r.scope_id };
					if (r.role === 'organiser' && r.scope === 'challenge') o.scope = 'challenge';
					return o;
				}),
			};
			const res = await put(`/accounts/${acc.id}/roles`, body);
			onSaved(res);
			ref.current.close();
		} catch (e) {
			setError(errorText(e));
		} finally {
			setBusy(false);
		}
	};
	return (
		<dialog ref={ref} class="move-dialog" aria-labelledby="roles-title">
			<h2 id="roles-title">{t('org.acc.rolesOf', { email: acc.email })}</h2>
			{!roles.length ? (
				<p class="empty">{t('org.acc.noRoles')}</p>
			) : (
				<ul class="role-list">
					{roles.map((r, i) => (
						<li key={i}>
							<span>{roleText(r)}</span>
							<button type="button" class="quiet small" aria-label={t('org.acc.removeRole', { role: roleText(r) })} onClick={() => setRoles(roles.filter((x) => x !== r))}>
								{t('org.acc.remove')}
							</button>
						</li>
					))}
				</ul>
			)}
			<form class="filters" onSubmit={addRole} aria-labelledby="roles-add">
				<h3 id="roles-add" class="full">
					{t('org.acc.addTitle')}
				</h3>
				<div class="field">
					<label for="role-new">{t('org.acc.role')}</label>
					<select id="role-new" value={add.role} onChange={(e) => setAdd({ ...add, role: e.target.value })}>
						{ROLES.map((r) => (
							<option value={r} key={r}>
								{t('org.role.name.' + r)}
							</option>
						))}
					</select>
				</div>
				{add.role === 'organiser' && (
					<div class="field">
						<label for="role-scope">{t('org.acc.scope')}</label>
						<select id="role-scope" value={add.scope} onChange={(e) => setAdd({ ...add, scope: e.target.value })}>
							<option value="event">{t('org.acc.scopeEvent')}</option>
							<option value="challenge">{t('org.acc.scopeChallenge')}</option>
						</select>
					</div>
				)}
				{add.role !== 'admin' && (
					<div class="field">
						<label for="role-id">{t('org.acc.scopeId', { scope: add.role === 'organiser' ? add.scope : add.role === 'jury' ? 'challenge' : 'organisation' })}</label>
						<input id="role-id" type="number" min="1" value={add.scope_id} onInput={(e) => setAdd({ ...add, scope_id: e.target.value })} />
					</div>
				)}
				<button type="submit" class="quiet">
					{t('org.acc.add')}
				</button>
				{addError && (
					<p class="field-error full" role="alert">
						{addError}
					</p>
				)}
			</form>
			{error && (
				<p class="notice danger" role="alert">
					{error}
				</p>
			)}
			<div class="form-actions">
				<button type="button" disabled={busy} onClick={save}>
					{t('org.acc.save')}
				</button>
				<button type="button" class="quiet" onClick={() => ref.current.close()}>
					{t('action.cancel')}
				</button>
			</div>
		</dialog>
	);
}

export default function Accounts({ search }) {
	const me = account.value;
	const admin = me && isAdmin();
	const f = { q: search.get('q') || '', role: search.get('role') || '' };
	const [q, setQ] = useState(f.q);
	const paged = usePaged('/accounts', f, !!admin);
	const [editing, setEditing] = useState(null);
	const [saved, setSaved] = useState({});
	const [notice, setNotice] = useState(null);
	const opener = useRef(null);
	const gate = adminGate(me, admin, t('org.acc.title'));
	if (gate) return gate;
	const items = ((paged.state.data && paged.state.data.items) || []).map((a) => saved[a.id] || a);
	return (
		<Page title={t('org.acc.title')} context={t('org.acc.context')}>
			<form
				class="filters"
				role="search"
				aria-label={t('org.acc.filters')}
				onSubmit={(e) => {
					e.preventDefault();
					setSearch({ ...f, q: q.trim() });
				}}
			>
				<div class="field">
					<label for="acc-q">{t('org.acc.q')}</label>
					<input id="acc-q" type="search" value={q} onInput={(e) => setQ(e.target.value)} />
				</div>
				<div class="field">
					<label for="acc-role">{t('org.acc.role')}</label>
					<select id="acc-role" value={f.role} onChange={(e) => setSearch({ ...f, role: e.target.value })}>
						<option value="">{t('org.filter.all')}</option>
						{ROLES.map((r) => (
							<option value={r} key={r}>
								{t('org.role.name.' + r)}
							</option>
						))}
					</select>
				</div>
				<button type="submit">{t('action.search')}</button>
			</form>
			{notice && (
				<p class="notice ok" role="status">
					{notice}
				</p>
			)}
			<PagedTable paged={paged} label={t('org.acc.tableLabel')} empty={t('org.acc.empty')} columns={[t('org.acc.col.email'), t('org.acc.col.name'), t('org.acc.col.roles'), t('org.acc.col.lastSignIn'), t('org.reg.col.actions')]}>
				{items.map((a) => (
					<tr key={a.id}>
						<th scope="row">{a.email}</th>
						<td>{a.name || '—'}</td>
						<td>{a.roles && a.roles.length ? formatList(a.roles.map(roleText)) : t('org.acc.noRoles')}</td>
						<td>{a.last_sign_in_at ? whenText(a.last_sign_in_at) : t('org.acc.never')}</td>
						<td>
							<button
								type="button"
								class="quiet small"
								aria-label={t('org.acc.editOf', { email: a.email })}
								onClick={(e) => {
									opener.current = e.currentTarget;
									setNotice(null);
									setEditing(a);
								}}
							>
								{t('org.acc.edit')}
							</button>
						</td>
					</tr>
				))}
			</PagedTable>
			{editing && (
				<RolesDialog
					acc={editing}
					onClose={() => {
						setEditing(null);
						if (opener.current && opener.current.isConnected) opener.current.focus();
					}}
					onSaved={(res) => {
						setSaved((s) => ({ ...s, [res.id]: res }));
						setNotice(t('org.acc.saved', { email: res.email }));
					}}
				/>
			)}
		</Page>
	);
}
