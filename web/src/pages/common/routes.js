// pages/common/routes.js - pages for everyone: home, sign in, not found.
import NotFound from './not-found.jsx';

export const routes = [
	{ path: '/', load: () => import('./home.jsx') },
	{ path: '/sign-in', load: () => import('./sign-in.jsx') },
];
routes.notFound = NotFound;

// Sections of the top bar for this area (account: null when signed out).
export function nav() {
	return [];
}
