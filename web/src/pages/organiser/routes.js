// pages/organiser/routes.js - the organiser and admin pages: their paths and
// top-bar sections. Pages load lazily (Chart.js only with the dashboard).
import { t } from '../../i18n.js';
import { isAdmin, isOrganiser } from '../../session.js';

export const routes = [
	{ path: '/organise', load: () => import('./events.jsx') },
	{ path: '/organise/events/new', load: () => import('./event-form.jsx') },
	{ path: '/organise/events/:id/settings', load: () => import('./event-form.jsx') },
	{ path: '/organise/events/:id/registrations', load: () => import('./registrations.jsx') },
	{ path: '/organise/events/:id/schedule', load: () => import('./schedule.jsx') },
	{ path: '/organise/events/:id/grid', load: () => import('./grid.jsx') },
	{ path: '/organise/events/:id/dashboard', load: () => import('./dashboard.jsx') },
	{ path: '/organise/events/:id/check-in', load: () => import('./checkin.jsx') },
	{ path: '/admin/accounts', load: () => import('./accounts.jsx') },
	{ path: '/admin/outbox', load: () => import('./outbox.jsx') },
	{ path: '/admin/audit', load: () => import('./audit.jsx') },
];

// Sections of the top bar for this area (account: null when signed out,
// undefined while unknown): organisers and admins only.
export function nav(account) {
	if (!account) return [];
	const items = [];
	if (isOrganiser()) items.push({ href: '/organise', label: t('org.nav.events') });
	if (isAdmin())
		items.push(
			{ href: '/admin/accounts', label: t('org.nav.accounts') },
			{ href: '/admin/outbox', label: t('org.nav.outbox') },
			{ href: '/admin/audit', label: t('org.nav.audit') },
		);
	return items;
}
