// api.js - the one way the UI talks to the server: JSON over /api/v1.
//
// The session is the HttpOnly cookie the server set at sign-in; the CSRF
// token that writes must carry is kept in memory only (never in storage),
// taken from sign-in or GET /auth/me. Errors come back as ApiError with the
// RFC 9457 problem's fields, so forms can show `detail` next to `field`.

let csrfToken = null;

export function setCsrf(token) {
	csrfToken = token || null;
}

export class ApiError extends Error {
	constructor(status, problem) {
		super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
		this.status = status;
		this.problem = problem || {};
		this.field = (problem && problem.field) || null;
	}
}

function query(params) {
	const q = new URLSearchParams();
	for (const [k, v] of Object.entries(params || {})) {
		if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
	}
	const s = q.toString();
	return s ? '?' + s : '';
}

// request('GET', '/organisations', {query: {q}}) -> parsed JSON (or null for 204).
export async function request(method, path, { body, params, raw } = {}) {
	const headers = { Accept: 'application/json, application/problem+json' };
	if (body !== undefined) headers['Content-Type'] = 'application/json';
	if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
	let res;
	try {
		res = await fetch('/api/v1' + path + query(params), {
			method,
			headers,
			credentials: 'same-origin',
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	} catch (e) {
		throw new ApiError(0, { title: 'network', detail: String(e && e.message) });
	}
	if (res.status === 204) return null;
	const type = res.headers.get('Content-Type') || '';
	if (!res.ok) {
		let problem = null;
		if (type.includes('json')) problem = await res.json().catch(() => null);
		throw new ApiError(res.status, problem);
	}
	if (raw) return res;
	return type.includes('json') ? res.json() : res.text();
}

export const get = (path, params) => request('GET', path, { params });
export const post = (path, body) => request('POST', path, { body });
export const patch = (path, body) => request('PATCH', path, { body });
export const put = (path, body) => request('PUT', path, { body });
export const del = (path) => request('DELETE', path);
