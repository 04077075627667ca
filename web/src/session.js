// session.js - who is signed in, and what their roles let them see.
//
// `account` is the account as GET /auth/session answers it (null when
// signed out, undefined while unknown). Role helpers read its `roles`.
import { signal } from '@preact/signals';
import { get, post, setCsrf } from './api.js';

export const account = signal(undefined);

export async function loadSession() {
	try {
		const me = await get('/auth/session'); // 200 either way: no console error when signed out
		setCsrf(me.signed_in ? me.csrf_token : null);
		account.value = me.signed_in ? me : null;
	} catch (e) {
		setCsrf(null);
		account.value = null;
	}
}

export async function signIn(email, password) {
	const me = await post('/auth/sign-in', { email, password });
	setCsrf(me.csrf_token);
	account.value = me;
	return me;
}

export async function signOut() {
	try {
		await post('/auth/sign-out');
	} finally {
		setCsrf(null);
		account.value = null;
	}
}

// Adopts an account answered by sign-up (signed in, with its CSRF token).
export function adopt(me) {
	setCsrf(me.csrf_token);
	account.value = me;
}

const roles = () => (account.value && account.value.roles) || [];
export const isAdmin = () => roles().some((r) => r.role === 'admin');
// Events (ids) the account organises.
export const organisedEvents = () =>
	roles()
		.filter((r) => r.role === 'organiser' && (r.scope || 'event') === 'event')
		.map((r) => r.scope_id);
export const isOrganiser = () => isAdmin() || organisedEvents().length > 0;
// Organisations (ids) the account represents.
export const representedOrganisations = () =>
	roles()
		.filter((r) => r.role === 'representative')
		.map((r) => r.scope_id);
