// i18n.js - the interface language, its messages and locale-aware formats.
//
// One catalogue per language and area (i18n/<lang>/<area>.json, ICU
// MessageFormat: plurals and selects, no string concatenation), merged
// here; keys by meaning. The language follows the browser and can be
// switched (the choice, not a secret, is remembered in localStorage).
// Dates, times, numbers and lists go through Intl, in the viewer's zone.
import { IntlMessageFormat } from 'intl-messageformat';
import { signal } from '@preact/signals';
import enCommon from './i18n/en/common.json';
import zhCommon from './i18n/zh/common.json';
import enParticipant from './i18n/en/participant.json';
import zhParticipant from './i18n/zh/participant.json';
import enOrganiser from './i18n/en/organiser.json';
import zhOrganiser from './i18n/zh/organiser.json';
import enZones from './i18n/en/zones.json';
import zhZones from './i18n/zh/zones.json';
import enNotify from './i18n/en/notify.json';
import zhNotify from './i18n/zh/notify.json';
import enOutcomes from './i18n/en/outcomes.json';
import zhOutcomes from './i18n/zh/outcomes.json';
import enDesk from './i18n/en/desk.json';
import zhDesk from './i18n/zh/desk.json';
import enChallenges from './i18n/en/challenges.json';
import zhChallenges from './i18n/zh/challenges.json';

export const LANGUAGES = [
	{ code: 'en', name: 'English' },
	{ code: 'zh', name: '中文' },
];

const catalogues = {
	en: { ...enCommon, ...enParticipant, ...enOrganiser, ...enZones, ...enNotify, ...enOutcomes, ...enDesk, ...enChallenges },
	zh: { ...zhCommon, ...zhParticipant, ...zhOrganiser, ...zhZones, ...zhNotify, ...zhOutcomes, ...zhDesk, ...zhChallenges },
};
const locales = { en: 'en-GB', zh: 'zh-CN' };

function initial() {
	try {
		const saved = localStorage.getItem('liaison.lang');
		if (saved && catalogues[saved]) return saved;
	} catch (e) {
		/* storage may be off: follow the browser */
	}
	for (const l of navigator.languages || [navigator.language || 'en']) {
		const base = String(l).toLowerCase().split('-')[0];
		if (catalogues[base]) return base;
	}
	return 'en';
}

export const lang = signal(initial());
const cache = new Map();

export function setLang(code) {
	if (!catalogues[code]) return;
	lang.value = code;
	document.documentElement.lang = code === 'zh' ? 'zh-CN' : code;
	try {
		localStorage.setItem('liaison.lang', code);
	} catch (e) {
		/* not remembered: fine */
	}
}

export function locale() {
	return locales[lang.value] || lang.value;
}

// t('directory.count', {count: 3}): the message in the interface language,
// English when the key is missing there, the key itself when missing in both.
export function t(key, values) {
	const l = lang.value;
	const source = catalogues[l][key] ?? catalogues.en[key];
	if (source === undefined) return key;
	// Plain text (no argument, tag or quote to interpret) needs no parse:
	// most labels are plain, and parsing each one costs the first render.
	if (!/[{}<']/.test(source)) return source;
	const id = l + '\u0000' + key;
	let fmt = cache.get(id);
	if (!fmt) {
		fmt = new IntlMessageFormat(source, locale());
		cache.set(id, fmt);
	}
	return fmt.format(values);
}

export const viewerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

// A zone's city name in the interface language, for "10:30 Helsinki time":
// "Europe/Helsinki" -> "Helsinki", 赫尔辛基 in Chinese (i18n/<lang>/zones.json
// names the zones of China, Europe and a few more); other zones keep the
// city of their IANA name.
export function zoneCity(zone) {
	const z = String(zone || 'UTC');
	const known = catalogues[lang.value]['zone.' + z];
	return known !== undefined ? known : z.split('/').pop().replace(/_/g, ' ');
}

export function formatDateTime(iso, zone, opts) {
	if (!iso) return '';
	const d = new Date(iso);
	return new Intl.DateTimeFormat(locale(), {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: zone || viewerZone(),
		...opts,
	}).format(d);
}

export function formatTime(iso, zone) {
	return new Intl.DateTimeFormat(locale(), { timeStyle: 'short', timeZone: zone || viewerZone() }).format(new Date(iso));
}

export function formatDate(iso, zone) {
	return new Intl.DateTimeFormat(locale(), { dateStyle: 'full', timeZone: zone || viewerZone() }).format(new Date(iso));
}

export function formatNumber(n, opts) {
	return new Intl.NumberFormat(locale(), opts).format(n);
}

export function formatList(items) {
	return new Intl.ListFormat(locale(), { style: 'short', type: 'conjunction' }).format(items);
}

// Intl objects are costly to build: one per locale and kind.
const intlCache = new Map();
function cachedIntl(kind, make) {
	const id = locale() + '\u0000' + kind;
	let v = intlCache.get(id);
	if (!v) {
		v = make(locale());
		intlCache.set(id, v);
	}
	return v;
}

function displayName(type, code) {
	try {
		return cachedIntl(type, (l) => new Intl.DisplayNames([l], { type })).of(code) || code;
	} catch (e) {
		return code;
	}
}

export const countryName = (code) => displayName('region', code);
export const languageName = (code) => displayName('language', code);

export function collator() {
	return cachedIntl('collator', (l) => new Intl.Collator(l));
}
