// lib.jsx - what the challenge pages share: a text of several languages in
// the viewer's, the caller's roles on a challenge (from the session), the
// call's instants in the organiser's zone and the viewer's, the states and
// the challenge's own sub-navigation for its organisers.
import { get } from '../../api.js';
import { formatDateTime, lang, t, viewerZone, zoneCity } from '../../i18n.js';
import { account, isAdmin } from '../../session.js';

export const STATES = ['draft', 'open', 'closed', 'in_review', 'decided', 'announced'];

// {en, zh, ...} -> {text, lang}: the viewer's language, else English, else the first.
export function pick(texts) {
	if (!texts) return { text: '', lang: undefined };
	const l = lang.value;
	if (texts[l]) return { text: texts[l], lang: l === 'zh' ? 'zh-CN' : l };
	if (texts.en) return { text: texts.en, lang: 'en' };
	const [k, v] = Object.entries(texts)[0] || [];
	return { text: v || '', lang: k === 'zh' ? 'zh-CN' : k };
}

// A multilingual text as an element with its lang attribute.
export function Tr({ texts, as: Tag = 'span' }) {
	const p = pick(texts);
	return <Tag lang={p.lang}>{p.text}</Tag>;
}

const roles = () => (account.value && account.value.roles) || [];
const onChallenge = (role, id) => roles().some((r) => r.role === role && r.scope === 'challenge' && String(r.scope_id) === String(id));
export const manages = (id) => isAdmin() || onChallenge('organiser', id);
export const judges = (id) => onChallenge('jury', id);
export const managedChallenges = () => roles().filter((r) => r.role === 'organiser' && r.scope === 'challenge').map((r) => r.scope_id);
export const juryChallenges = () => roles().filter((r) => r.role === 'jury').map((r) => r.scope_id);
export const represented = () => roles().filter((r) => r.role === 'representative').map((r) => r.scope_id);

// "31 Mar 2027, 23:59 Shanghai · 31 Mar 2027, 17:59 Helsinki time": the
// organiser's zone first (with its day: a deadline's day matters), then the viewer's.
export function zonedText(iso, zone) {
	const mine = viewerZone();
	const local = t('time.inZone', { time: formatDateTime(iso, mine), zone: zoneCity(mine) });
	if (!zone || zone === mine) return local;
	return t('time.venueAndLocal', { venue: formatDateTime(iso, zone), venueZone: zoneCity(zone), local });
}
export const closesText = (ch) => zonedText(ch.closes_at, ch.time_zone);
export const opensText = (ch) => zonedText(ch.opens_at, ch.time_zone);

export function StateBadge({ state }) {
	return <span class={'badge state-' + state}>{t('ch.state.' + state)}</span>;
}

// The organisations of ids, {id: organisation}, read once each.
const orgCache = new Map();
export async function organisations(ids) {
	const out = {};
	await Promise.all(
		[...new Set(ids)].map(async (id) => {
			if (!orgCache.has(id)) orgCache.set(id, get(`/organisations/${id}`).catch(() => null));
			out[id] = await orgCache.get(id);
		}),
	);
	return out;
}

export const orgName = (orgs, id) => (orgs && orgs[id] && orgs[id].name) || '#' + id;

const SECTIONS = ['manage', 'jury', 'assignment', 'ranking'];

// The organiser's pages of challenge id, one of them current.
export function ChallengeNav({ id, current }) {
	return (
		<nav aria-label={t('ch.nav.label')} class="subnav">
			<ul>
				<li>
					<a href={`/challenges/${id}`}>{t('ch.nav.call')}</a>
				</li>
				{SECTIONS.map((s) => (
					<li key={s}>
						<a href={`/challenges/${id}/${s}`} aria-current={s === current ? 'page' : undefined}>
							{t('ch.nav.' + s)}
						</a>
					</li>
				))}
			</ul>
		</nav>
	);
}

// The file's bytes as base64 (the API's attachment upload).
export function fileBase64(file) {
	return new Promise((resolve, reject) => {
		const r = new FileReader();
		r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
		r.onerror = () => reject(r.error);
		r.readAsDataURL(file);
	});
}
