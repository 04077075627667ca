// outbox.jsx - "Which messages wait to be sent?": the outbox, filtered by
// recipient and kind, paged; each message's text on demand.
import { useState } from 'preact/hooks';
import { t } from '../../i18n.js';
import { setSearch } from '../../router.js';
import { account, isAdmin } from '../../session.js';
import { Page, Pager, Status, whenText } from '../../ui.jsx';
import { usePaged } from './admin.jsx';
import { SignedOut } from './guard.jsx';

const KINDS = ['password_reset', 'invitation', 'meeting_request'];

export default function Outbox({ search }) {
	const me = account.value;
	const admin = me && isAdmin();
	const f = { to: search.get('to') || '', kind: search.get('kind') || '' };
	const [to, setTo] = useState(f.to);
	const { state, cursor, setCursor } = usePaged('/outbox', f, !!admin);
	if (me === undefined) return null;
	if (me === null) return <SignedOut title={t('org.out.title')} />;
	if (!admin)
		return (
			<Page title={t('org.out.title')}>
				<p class="notice">{t('org.adminOnly')}</p>
			</Page>
		);
	const items = (state.data && state.data.items) || [];
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
			<Status state={state} empty={state.data && !items.length ? t('org.out.empty') : null}>
				<div class="table-wrap" tabIndex={0} role="region" aria-label={t('org.out.tableLabel')}>
					<table>
						<caption class="visually-hidden">{t('org.out.tableLabel')}</caption>
						<thead>
							<tr>
								<th scope="col">{t('org.out.col.at')}</th>
								<th scope="col">{t('org.out.col.to')}</th>
								<th scope="col">{t('org.out.col.kind')}</th>
								<th scope="col">{t('org.out.col.message')}</th>
							</tr>
						</thead>
						<tbody>
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
						</tbody>
					</table>
				</div>
				<Pager next={state.data && state.data.next} atStart={!cursor} onNext={setCursor} onFirst={() => setCursor(undefined)} />
			</Status>
		</Page>
	);
}
