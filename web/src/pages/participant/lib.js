// lib.js - what the participant pages share: cached look-ups of people,
// organisations and events (the API answers ids; pages show names), the
// language of a text by its script, paging through a whole list, and the
// enums of the directory's filters.
import { get } from '../../api.js';
import { account } from '../../session.js';

const caches = { people: new Map(), organisations: new Map(), events: new Map() };

function cached(kind, id) {
	const c = caches[kind];
	const key = String(id);
	if (!c.has(key)) {
		const p = get(`/${kind}/${encodeURIComponent(key)}`);
		p.catch(() => c.delete(key));
		c.set(key, p);
	}
	return c.get(key);
}
export const getPerson = (id) => cached('people', id);
export const getOrganisation = (id) => cached('organisations', id);
export const getEvent = (id) => cached('events', id);
// After a write the cached copy is stale.
export function forget(kind, id) {
	caches[kind].delete(String(id));
}

// A person, or a stand-in when they may not be seen (deleted, pending).
export async function personOrHidden(id) {
	try {
		return await getPerson(id);
	} catch (e) {
		return { id, hidden: true };
	}
}

// Every item of a list, following `next` (at most `pages` pages).
export async function getAll(path, params, pages = 10) {
	const items = [];
	let cursor;
	for (let i = 0; i < pages; i++) {
		const page = await get(path, { ...params, limit: 200, cursor });
		items.push(...page.items);
		if (!page.next) break;
		cursor = page.next;
	}
	return items;
}

// The language of a text, for its lang attribute: by script for Chinese,
// Japanese and Korean, else the first non-CJK language the writer declares.
export function textLang(text, languages) {
	const s = String(text || '');
	if (/[\u3040-\u30ff]/.test(s)) return 'ja';
	if (/[\uac00-\ud7af]/.test(s)) return 'ko';
	if (/[\u4e00-\u9fff]/.test(s)) {
		const zh = (languages || []).find((l) => /^zh/.test(l));
		return zh || 'zh';
	}
	const latin = (languages || []).find((l) => !/^(zh|ja|ko|yue)/.test(l));
	return latin || 'en';
}

export const me = () => account.value;
export const myPerson = () => (account.value && account.value.person_id) || null;
export const myOrganisation = () => (account.value && account.value.organisation_id) || null;

export const KINDS = ['city', 'region', 'sme', 'company', 'park', 'university', 'institute', 'association', 'agency', 'other'];
export const THEMES = [
	'agri-food', 'air-quality', 'blue-economy', 'carbon-neutrality', 'circular-economy', 'climate-adaptation',
	'cultural-heritage', 'digital-economy', 'education', 'elderly-care', 'energy-storage', 'energy-transition',
	'green-buildings', 'hydrogen', 'industrial-modernisation', 'industrial-park-renewal', 'logistics', 'mobility',
	'new-energy-vehicles', 'smart-city', 'social-cohesion', 'sustainable-tourism', 'waste', 'water',
];
export const LANGS = ['zh', 'en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'fi', 'sv', 'da', 'ja'];
export const SDGS = Array.from({ length: 17 }, (_, i) => i + 1);
export const ZONES = (() => {
	try {
		return Intl.supportedValuesOf('timeZone');
	} catch (e) {
		return ['UTC', 'Asia/Shanghai', 'Europe/Berlin', 'Europe/Brussels', 'Europe/Helsinki', 'Europe/Paris', 'Europe/London'];
	}
})();
