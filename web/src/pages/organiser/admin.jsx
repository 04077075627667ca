// admin.jsx - what the admin pages share: a role in words, a paged list
// with filters kept in the address.
import { useState } from 'preact/hooks';
import { get } from '../../api.js';
import { t } from '../../i18n.js';
import { useLoad } from '../../ui.jsx';

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
