// admin.jsx - what the admin pages share: a role in words, the admins-only
// gate, a paged list with filters kept in the address and its table.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { get } from '../../api.js';
import { t } from '../../i18n.js';
import { Page, Pager, Status, useLoad } from '../../ui.jsx';
import { SignedOut } from './guard.jsx';

export function roleText(r) {
	if (r.role === 'admin') return t('org.role.admin');
	return t('org.role.scoped', { role: r.role, scope: r.scope || (r.role === 'representative' ? 'organisation' : r.role === 'jury' ? 'challenge' : 'event'), id: r.scope_id });
}

// A list read page by page with the API's cursor: {state, cursor, setCursor}.
export function usePaged(path, params, enabled) {
	const key = JSON.stringify(params);
	const [page, setPage] = useState({ key, cursor: undefined });
	const cursor = page.key === key ? page.cursor : undefined;
	const state = useLoad(() => (enabled ? get(path, { ...params, limit: 25, cursor }) : Promise.resolve(null)), [key, cursor, enabled]);
	return { state, cursor, setCursor: (c) => setPage({ key, cursor: c }) };
}

// What an admin page shows instead of itself to someone who is not an
// admin (me: the account, undefined while unknown); null for an admin.
export function adminGate(me, admin, title) {
	if (me === undefined) return <></>;
	if (me === null) return <SignedOut title={title} />;
	if (admin) return null;
	return (
		<Page title={title}>
			<p class="notice">{t('org.adminOnly')}</p>
		</Page>
	);
}

// One page of a usePaged list as a table: its label, column headings and
// rows (children), the empty text, and the pager. On a phone each row is a
// card: every cell carries its column's heading (data-label, shown before
// the value by the stylesheet).
export function PagedTable({ paged, label, columns, empty, children }) {
	const { state, cursor, setCursor } = paged;
	const none = state.data && !state.data.items.length;
	const table = useRef(null);
	useLayoutEffect(() => {
		if (!table.current) return;
		for (const row of table.current.tBodies[0].rows) for (let i = 0; i < row.cells.length; i++) row.cells[i].dataset.label = columns[i] || '';
	});
	return (
		<Status state={state} empty={none ? empty : null}>
			<div class="table-wrap" tabIndex={0} role="region" aria-label={label}>
				<table class="cards" ref={table}>
					<caption class="visually-hidden">{label}</caption>
					<thead>
						<tr>
							{columns.map((c) => (
								<th scope="col" key={c}>
									{c}
								</th>
							))}
						</tr>
					</thead>
					<tbody>{children}</tbody>
				</table>
			</div>
			<Pager next={state.data && state.data.next} atStart={!cursor} onNext={setCursor} onFirst={() => setCursor(undefined)} />
		</Status>
	);
}
