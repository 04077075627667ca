// pages/participant/routes.js - the participant pages: their paths and top-bar sections.
import { t } from '../../i18n.js';

export const routes = [
	{ path: '/directory', load: () => import('./directory.jsx') },
	{ path: '/organisations/:id', load: () => import('./organisation.jsx') },
	{ path: '/events/:id', load: () => import('./event.jsx') },
	{ path: '/join/:id', load: () => import('./join.jsx') },
	{ path: '/sign-up', load: () => import('./sign-up.jsx') },
	{ path: '/password-reset', load: () => import('./password-reset.jsx') },
	{ path: '/account', load: () => import('./account.jsx') },
	{ path: '/account/tokens', load: () => import('./tokens.jsx') },
	{ path: '/recommendations', load: () => import('./recommendations.jsx') },
	{ path: '/requests/new', load: () => import('./request-new.jsx') },
	{ path: '/requests', load: () => import('./requests.jsx') },
	{ path: '/agenda', load: () => import('./agenda.jsx') },
	{ path: '/agreements', load: () => import('./agreements.jsx') },
	{ path: '/profile', load: () => import('./profile.jsx') },
];

// Sections of the top bar for this area (account: null when signed out,
// undefined while unknown).
export function nav(account) {
	const items = [{ href: '/directory', label: t('nav.directory') }];
	if (account && account.person_id)
		items.push(
			{ href: '/recommendations', label: t('nav.recommendations') },
			{ href: '/requests', label: t('nav.requests') },
			{ href: '/agenda', label: t('nav.agenda') },
			{ href: '/agreements', label: t('nav.agreements') },
			{ href: '/profile', label: t('nav.profile') },
		);
	return items;
}
