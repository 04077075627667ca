// pages/challenges/routes.js - innovation challenges: the calls (everyone),
// a representative's submissions, a jury member's reviews, the organisers'
// jury, assignment, ranking and decisions, and the public results.
import { t } from '../../i18n.js';
import { isAdmin } from '../../session.js';
import { juryChallenges, managedChallenges } from './lib.jsx';

export const routes = [
	{ path: '/challenges', load: () => import('./list.jsx') },
	{ path: '/challenges/new', load: () => import('./new.jsx') },
	{ path: '/challenges/:id', load: () => import('./challenge.jsx') },
	{ path: '/challenges/:id/submit', load: () => import('./submission.jsx') },
	{ path: '/submissions/:id', load: () => import('./submission.jsx') },
	{ path: '/challenges/:id/reviews', load: () => import('./reviews.jsx') },
	{ path: '/challenges/:id/manage', load: () => import('./manage.jsx') },
	{ path: '/challenges/:id/jury', load: () => import('./jury.jsx') },
	{ path: '/challenges/:id/assignment', load: () => import('./assignment.jsx') },
	{ path: '/challenges/:id/ranking', load: () => import('./ranking.jsx') },
	{ path: '/challenges/:id/results', load: () => import('./results.jsx') },
];

// Everyone sees the calls; a jury member their reviews, an organiser the challenges they run.
export function nav(account) {
	const items = [{ href: '/challenges', label: t('ch.nav.challenges') }];
	if (!account) return items;
	const jury = juryChallenges();
	if (jury.length) items.push({ href: `/challenges/${jury[0]}/reviews`, label: t('ch.nav.myReviews') });
	const run = managedChallenges();
	if (run.length && !isAdmin()) items.push({ href: `/challenges/${run[0]}/manage`, label: t('ch.nav.run') });
	return items;
}
