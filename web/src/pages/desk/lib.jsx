// lib.jsx - what the desk's pages share: the labels of categories,
// priorities and states, a case's times in the viewer's zone, a case
// as a card of a list.
import { t, formatDate, formatDateTime, viewerZone, zoneCity } from '../../i18n.js';

export const CATEGORIES = ['market_entry', 'investment', 'partner_search', 'regulation', 'visa_and_stay', 'events', 'other'];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'];

export const inZone = (iso) => t('time.inZone', { time: formatDateTime(iso, viewerZone()), zone: zoneCity(viewerZone()) });

// The SLA's word on a case: overdue, at risk, paused, or when it falls due.
export function Sla({ c }) {
	if (c.state === 'resolved' || c.state === 'closed') return null;
	if (c.paused) return <span class="badge state-requested">{t('desk.sla.paused', { minutes: c.left_minutes || 0 })}</span>;
	if (c.overdue)
		return (
			<span class="badge rejected">
				{t('desk.sla.overdue')} · {inZone(c.due_at)}
			</span>
		);
	if (c.at_risk)
		return (
			<span class="badge pending">
				{t('desk.sla.atRisk')} · {inZone(c.due_at)}
			</span>
		);
	return <span class="meta">{t('desk.sla.due', { time: inZone(c.due_at) })}</span>;
}

export function CaseCard({ c, href }) {
	return (
		<li class="card case-card">
			<h2 class="card-title">
				<a href={href} lang={c.lang}>
					{c.subject}
				</a>
			</h2>
			<p class="meta">
				{t('desk.category.' + c.category)} · {t('desk.priority.' + c.priority)} · {t('desk.state.' + c.state)}
				{c.organisation && ' · ' + c.organisation}
			</p>
			<p class="meta">
				{t('desk.from', { name: c.requester_name || c.requester_email || '—' })} · {t('desk.opened', { time: inZone(c.opened_at) })}
			</p>
			<p>
				<Sla c={c} />
			</p>
		</li>
	);
}

// A calendar day (YYYY-MM-DD, the desk's dates) in the viewer's words, never shifted by a zone.
export const dayText = (d) => formatDate(d + 'T12:00:00Z', 'UTC');
