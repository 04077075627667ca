// outbox.jsx - "Which messages wait to be sent?": the outbox, filtered by
// recipient and kind, paged; each message's text on demand.
import { useState } from 'preact/hooks';
import { t } from '../../i18n.js';
import { setSearch } from '../../router.js';
import { account, isAdmin } from '../../session.js';
import { Page, whenText } from '../../ui.jsx';
import { PagedTable, adminGate, usePaged } from './admin.jsx';

const KINDS = ['password_reset', 'invitation', 'meeting_request'];

export default function Outbox({ search }) {
	const me = account.value;
	const admin = me && isAdmin();
	const f = { to: search.get('to') || '', kind: search.get('kind') || '' };
	const [to, setTo] = useState(f.to);
	const paged = usePaged('/outbox', f, !!admin);
	const gate = adminGate(me, admin, t('org.out.title'));
	if (gate) return gate;
	const items = (paged.state.data && paged.state.data.items) || [];
	return (
		<Page title={t('org.out.title')} context={t('org.out.context')}>
			<form
				class="filters"
				role="search"
				aria-label={t('org.out.filters')}
				onSubmit={(e) => {
					e.preventDefault();
					setSearch({ ...f, to: to.trim() });
				}}
			>
				<div class="field">
					<label for="out-to">{t('org.out.to')}</label>
					<input id="out-to" type="search" value={to} onInput={(e) => setTo(e.target.value)} />
				</div>
				<div class="field">
					<label for="out-kind">{t('org.out.kind')}</label>
					<select id="out-kind" value={f.kind} onChange={(e) => setSearch({ ...f, kind: e.target.value })}>
						<option value="">{t('org.filter.all')}</option>
						{KINDS.map((k) => (
							<option value={k} key={k}>
								{t('org.out.kind.' + k)}
							</option>
						))}
					</select>
				</div>
				<button type="submit">{t('action.search')}</button>
			</form>
			<PagedTable paged={paged} label={t('org.out.tableLabel')} empty={t('org.out.empty')} columns={[t('org.out.col.at'), t('org.out.col.to'), t('org.out.col.kind'), t('org.out.col.message')]}>
				{items.map((m) => (
					<tr key={m.id}>
						<td>{whenText(m.created_at)}</td>
						<th scope="row">{m.to}</th>
						<td>{t('org.out.kind.' + m.kind)}</td>
						<td>
							<details>
								<summary>{m.subject}</summary>
								<pre class="message">{m.body}</pre>
							</details>
						</td>
					</tr>
				))}
			</PagedTable>
		</Page>
	);
}
