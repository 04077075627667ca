// pages/desk/routes.js - the cooperation desk: the staff's queue and case
// pages, and every signed-in account's own enquiries. Whether the viewer
// works the desk comes from GET /desk/summary (not a role of the session).
import { signal } from '@preact/signals';
import { get } from '../../api.js';
import { t } from '../../i18n.js';

export const routes = [
	{ path: '/desk', load: () => import('./queue.jsx') },
	{ path: '/desk/cases/:id', load: () => import('./case.jsx') },
	{ path: '/enquiries', load: () => import('./mine.jsx') },
	{ path: '/enquiries/:id', load: () => import('./case.jsx') },
	{ path: '/indicators', load: () => import('./indicators.jsx') },
	{ path: '/network', load: () => import('./network.jsx') },
	{ path: '/network/:id', load: () => import('./partner.jsx') },
	{ path: '/experts', load: () => import('./experts.jsx') },
	{ path: '/series', load: () => import('./series.jsx') },
];

// {account id: true | false} once known.
export const deskStaff = signal({});

function learn(account) {
	if (account.id in deskStaff.value) return;
	deskStaff.value = { ...deskStaff.value, [account.id]: false };
	get('/desk/summary').then(
		(s) => (deskStaff.value = { ...deskStaff.value, [account.id]: !!s.staff }),
		() => {},
	);
}

export function nav(account) {
	const items = [{ href: '/indicators', label: t('desk.nav.indicators') }];
	if (!account) return items;
	learn(account);
	if (deskStaff.value[account.id])
		items.push(
			{ href: '/desk', label: t('desk.nav.desk') },
			{ href: '/network', label: t('net.nav.network') },
			{ href: '/experts', label: t('net.nav.experts') },
			{ href: '/series', label: t('net.nav.series') },
		);
	items.push({ href: '/enquiries', label: t('desk.nav.mine') });
	return items;
}
