// audit.jsx - "Who changed what?": the audit log, filtered by account and
// start time, paged.
import { useState } from 'preact/hooks';
import { t, viewerZone, zoneCity } from '../../i18n.js';
import { setSearch } from '../../router.js';
import { account, isAdmin } from '../../session.js';
import { Page, whenText } from '../../ui.jsx';
import { PagedTable, adminGate, usePaged } from './admin.jsx';

export default function Audit({ search }) {
	const me = account.value;
	const admin = me && isAdmin();
	const f = { account: search.get('account') || '', since: search.get('since') || '' };
	const [acc, setAcc] = useState(f.account);
	const [since, setSince] = useState(f.since ? toLocalInput(f.since) : '');
	const paged = usePaged('/audit', f, !!admin);
	const gate = adminGate(me, admin, t('org.audit.title'));
	if (gate) return gate;
	const items = (paged.state.data && paged.state.data.items) || [];
	return (
		<Page title={t('org.audit.title')} context={t('org.audit.context')}>
			<form
				class="filters"
				role="search"
				aria-label={t('org.audit.filters')}
				onSubmit={(e) => {
					e.preventDefault();
					setSearch({ account: acc.trim(), since: since ? new Date(since).toISOString().replace(/\.\d+Z$/, 'Z') : '' });
				}}
			>
				<div class="field">
					<label for="audit-account">{t('org.audit.account')}</label>
					<input id="audit-account" type="number" min="1" value={acc} onInput={(e) => setAcc(e.target.value)} />
				</div>
				<div class="field">
					<label for="audit-since">{t('org.audit.since', { zone: zoneCity(viewerZone()) })}</label>
					<input id="audit-since" type="datetime-local" value={since} onInput={(e) => setSince(e.target.value)} />
				</div>
				<button type="submit">{t('action.search')}</button>
			</form>
			<PagedTable paged={paged} label={t('org.audit.tableLabel')} empty={t('org.audit.empty')} columns={[t('org.audit.col.at'), t('org.audit.col.who'), t('org.audit.col.action'), t('org.audit.col.status'), t('org.audit.col.detail')]}>
				{items.map((r) => (
					<tr key={r.id}>
						<td>{whenText(r.at)}</td>
						<td>{r.email || (r.account_id ? t('org.audit.accountN', { id: r.account_id }) : t('org.audit.commandLine'))}</td>
						<th scope="row">
							<code>{r.action}</code>
						</th>
						<td>{r.status || '—'}</td>
						<td>{r.detail}</td>
					</tr>
				))}
			</PagedTable>
		</Page>
	);
}

// An RFC 3339 instant as the value of a datetime-local input (viewer's zone).
function toLocalInput(iso) {
	const d = new Date(iso);
	if (isNaN(d)) return '';
	const p = (n) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
