// lib.jsx - what the organiser pages share: the event's context line and
// its sub-navigation, lists read to the end, slot times in the venue's
// zone and the viewer's, and wall-clock times of a zone turned into RFC 3339.
import { get } from '../../api.js';
import { t, formatTime, locale, viewerZone, zoneCity } from '../../i18n.js';
import { useLoad } from '../../ui.jsx';

// Every item of a list, following `next` (lists are filtered after paging).
export async function fetchAll(path, params = {}, max = 100) {
	const items = [];
	let cursor;
	for (let i = 0; i < max; i++) {
		const page = await get(path, { ...params, limit: 200, cursor });
		items.push(...page.items);
		if (!page.next) break;
		cursor = page.next;
	}
	return items;
}

export function useEvent(id) {
	return useLoad(() => get(`/events/${encodeURIComponent(id)}`), [id]);
}

// The event's first and last day in its own zone: "13–14 May 2026".
export function eventDates(ev) {
	if (!ev || !ev.slots || !ev.slots.length) return null;
	const first = new Date(ev.slots[0].start);
	const lastSlot = ev.slots[ev.slots.length - 1];
	const last = new Date(new Date(lastSlot.start).getTime() + lastSlot.minutes * 60000);
	const f = new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeZone: ev.time_zone });
	return f.formatRange ? f.formatRange(first, last) : `${f.format(first)} – ${f.format(last)}`;
}

// "EU–China Fair · 13–14 May 2026 · Chengdu · times in Shanghai time (yours: Helsinki)".
export function contextLine(ev) {
	if (!ev) return null;
	const dates = eventDates(ev);
	const mine = viewerZone();
	return t('org.context', {
		name: ev.name,
		dates: dates || t('org.noDates'),
		place: ev.city || ev.venue || '—',
		zone: zoneCity(ev.time_zone),
		tz: ev.time_zone,
		same: mine === ev.time_zone ? 'yes' : 'no',
		mine: zoneCity(mine),
	});
}

const SECTIONS = ['settings', 'registrations', 'schedule', 'grid', 'dashboard', 'check-in'];

// The event's pages, one of them current.
export function EventNav({ id, current }) {
	return (
		<nav aria-label={t('org.eventNav')} class="subnav">
			<ul>
				{SECTIONS.map((s) => (
					<li key={s}>
						<a href={`/organise/events/${id}/${s}`} aria-current={s === current ? 'page' : undefined}>
							{t('org.section.' + s)}
						</a>
					</li>
				))}
			</ul>
		</nav>
	);
}

// A slot's time in the venue's zone and, when it differs, the viewer's.
export function slotVenueTime(iso, zone) {
	return t('org.slot.venue', { time: formatTime(iso, zone), zone: zoneCity(zone) });
}
export function slotViewerTime(iso, zone) {
	const mine = viewerZone();
	if (mine === zone) return null;
	return t('org.slot.viewer', { time: formatTime(iso, mine), zone: zoneCity(mine) });
}
export function slotLabel(iso, zone, withDay) {
	const day = withDay ? dayLabel(iso, zone) + ' ' : '';
	const v = slotViewerTime(iso, zone);
	return day + slotVenueTime(iso, zone) + (v ? ' · ' + v : '');
}

// The calendar day of an instant in a zone: "2026-05-13".
export function dayKey(iso, zone) {
	const p = parts(new Date(iso), zone);
	return `${p.year}-${p.month}-${p.day}`;
}
export function dayLabel(isoOrKey, zone) {
	const d = /^\d{4}-\d{2}-\d{2}$/.test(isoOrKey) ? new Date(isoOrKey + 'T12:00:00Z') : new Date(isoOrKey);
	return new Intl.DateTimeFormat(locale(), { weekday: 'short', day: 'numeric', month: 'short', timeZone: /^\d{4}-\d{2}-\d{2}$/.test(isoOrKey) ? 'UTC' : zone }).format(d);
}

function parts(date, zone) {
	const out = {};
	for (const p of new Intl.DateTimeFormat('en-CA', {
		timeZone: zone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(date))
		out[p.type] = p.value;
	return out;
}

// Minutes east of UTC of a zone at an instant.
function offsetAt(ms, zone) {
	const p = parts(new Date(ms), zone);
	const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour % 24, +p.minute, +p.second);
	return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

function offsetText(min) {
	const sign = min < 0 ? '-' : '+';
	const a = Math.abs(min);
	return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

// "2026-05-13", "09:00" in "Asia/Shanghai" -> "2026-05-13T09:00:00+08:00".
export function zonedIso(date, time, zone) {
	const [y, m, d] = date.split('-').map(Number);
	const [hh, mm] = time.split(':').map(Number);
	const wall = Date.UTC(y, m - 1, d, hh, mm);
	let off = offsetAt(wall, zone);
	let ms = wall - off * 60000;
	const off2 = offsetAt(ms, zone);
	if (off2 !== off) {
		off = off2;
		ms = wall - off * 60000;
	}
	const p = parts(new Date(ms), zone);
	return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:00${offsetText(offsetAt(ms, zone))}`;
}

// Slots of one day: from start to end, `minutes` long each (and `pause` between).
export function generateSlots({ date, from, to, minutes, pause = 0, zone }) {
	const out = [];
	const [fh, fm] = from.split(':').map(Number);
	const [th, tm] = to.split(':').map(Number);
	const end = th * 60 + tm;
	for (let s = fh * 60 + fm; s + minutes <= end && out.length < 2000; s += minutes + pause) {
		const hh = String(Math.floor(s / 60)).padStart(2, '0');
		const mm = String(s % 60).padStart(2, '0');
		out.push({ start: zonedIso(date, `${hh}:${mm}`, zone), minutes });
	}
	return out;
}

// IANA zones the browser knows (with the given one kept).
export function timeZones(keep) {
	let zones = [];
	try {
		zones = Intl.supportedValuesOf('timeZone');
	} catch (e) {
		zones = ['UTC', 'Asia/Shanghai', 'Europe/Berlin', 'Europe/Brussels', 'Europe/Helsinki', 'Europe/London', 'Europe/Paris'];
	}
	const set = new Set(zones);
	if (!set.has('UTC')) zones = ['UTC', ...zones];
	if (keep && !set.has(keep) && keep !== 'UTC') zones = [keep, ...zones];
	return zones;
}

// ISO 3166-1 alpha-2 codes.
export const COUNTRIES = (
	'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
	'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
	'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
	'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
	'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
	'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
	'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');

// Registrations of an event with their person and organisation (the
// registrations list names only person ids).
export async function registrationsWithPeople(eventId) {
	const [regs, people, orgs] = await Promise.all([
		fetchAll('/registrations', { event: eventId }),
		fetchAll('/people'),
		fetchAll('/organisations'),
	]);
	const personById = new Map(people.map((p) => [p.id, p]));
	const orgById = new Map(orgs.map((o) => [o.id, o]));
	return regs.map((r) => {
		const person = personById.get(r.person_id) || null;
		const org = person ? orgById.get(person.organisation_id) || null : null;
		return { ...r, person, org };
	});
}
