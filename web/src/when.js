// when.js - "16:30 Shanghai · 10:30 your time (Helsinki)": times with their zones.
import { t, formatDateTime, viewerZone, zoneCity } from './i18n.js';

export function whenText(iso, venueZone, viewer) {
	if (!iso) return '';
	const mine = viewer || viewerZone();
	const local = t('time.inZone', { time: formatDateTime(iso, mine), zone: zoneCity(mine) });
	if (!venueZone || venueZone === mine) return local;
	return t('time.venueAndLocal', {
		venue: formatDateTime(iso, venueZone, { dateStyle: undefined, timeStyle: 'short' }),
		venueZone: zoneCity(venueZone),
		local,
	});
}
