// audit.jsx - "Who changed what?": the audit log, filtered by account and
// start time, paged.
import { useState } from 'preact/hooks';
import { t, viewerZone, zoneCity } from '../../i18n.js';
import { setSearch } from '../../router.js';
import { account, isAdmin } from '../../session.js';
import { Page, Pager, Status, whenText } from '../../ui.jsx';
import { usePaged } from './admin.jsx';
import { SignedOut } from './guard.jsx';

export default function Audit({ search }) {
	const me = account.value;
	const admin = me && isAdmin();
	const f = { account: search.get('account') || '', since: search.get('since') || '' };
	const [acc, setAcc] = useState(f.account);
	const [since, setSince] = useState(f.since ? toLocalInput(f.since) : '');
	const { state, cursor, setCursor } = usePaged('/audit', f, !!admin);
	if (me === undefined) return null;
	if (me === null) return <SignedOut title={t('org.audit.title')} />;
	if (!admin)
		return (
			<Page title={t('org.audit.title')}>
				<p class="notice">{t('org.adminOnly')}</p>
			</Page>
		);
	const items = (state.data && state.data.items) || [];
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
			<Status state={state} empty={state.data && !items.length ? t('org.audit.empty') : null}>
				<div class="table-wrap" tabIndex={0} role="region" aria-label={t('org.audit.tableLabel')}>
					<table>
						<caption class="visually-hidden">{t('org.audit.tableLabel')}</caption>
						<thead>
							<tr>
								<th scope="col">{t('org.audit.col.at')}</th>
								<th scope="col">{t('org.audit.col.who')}</th>
								<th scope="col">{t('org.audit.col.action')}</th>
								<th scope="col">{t('org.audit.col.status')}</th>
								<th scope="col">{t('org.audit.col.detail')}</th>
							</tr>
						</thead>
						<tbody>
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
						</tbody>
					</table>
				</div>
				<Pager next={state.data && state.data.next} atStart={!cursor} onNext={setCursor} onFirst={() => setCursor(undefined)} />
			</Status>
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
