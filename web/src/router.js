// router.js - paths of the single-page app (history API, no hash).
//
// Each area (pages/<area>/routes.js) lists its routes: a pattern such as
// "/organisations/:id" and a load() that imports the page lazily, so the
// first page carries only what it shows. Links are plain <a href>: a click
// on a same-origin link is turned into navigate() here.
import { signal } from '@preact/signals';

export const location = signal(currentLocation());

function currentLocation() {
	return { path: window.location.pathname, search: new URLSearchParams(window.location.search) };
}

export function navigate(to, { replace } = {}) {
	if (replace) history.replaceState(null, '', to);
	else history.pushState(null, '', to);
	location.value = currentLocation();
	window.scrollTo(0, 0);
}

// Replaces the query string of the current page (filters, paging) in place.
export function setSearch(params) {
	const q = new URLSearchParams();
	for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
	const s = q.toString();
	history.replaceState(null, '', location.value.path + (s ? '?' + s : ''));
	location.value = currentLocation();
}

window.addEventListener('popstate', () => {
	location.value = currentLocation();
});

document.addEventListener('click', (ev) => {
	if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
	const a = ev.target.closest && ev.target.closest('a[href]');
	if (!a || a.target || a.hasAttribute('download')) return;
	const url = new URL(a.href, window.location.href);
	if (url.origin !== window.location.origin || url.pathname.startsWith('/api/')) return;
	ev.preventDefault();
	navigate(url.pathname + url.search);
});

// match(routes, path) -> {route, params} or null. Patterns: "/a/:id/b".
export function match(routes, path) {
	for (const route of routes) {
		const names = [];
		const re = new RegExp(
			'^' + route.path.replace(/:([a-z_]+)/g, (_, n) => (names.push(n), '([^/]+)')) + '/?$',
		);
		const m = re.exec(path);
		if (m) {
			const params = {};
			names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
			return { route, params };
		}
	}
	return null;
}
