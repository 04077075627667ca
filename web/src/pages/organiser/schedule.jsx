// schedule.jsx - "What would the scheduler do?": a preview of the event's
// meeting schedule (weight against its upper bound, scheduled count, the
// meetings left out with their reasons, idle gaps, warnings), then Publish.
import { useState } from 'preact/hooks';
import { post } from '../../api.js';
import { t, formatNumber } from '../../i18n.js';
import { account } from '../../session.js';
import { Page, Status, confirmAction, errorText, whenText } from '../../ui.jsx';
import { EventNav, contextLine, slotLabel, useEvent } from './lib.jsx';
import { SignedOut } from './guard.jsx';

function who(m) {
	return (m.participants || []).map((p) => (p.organisation ? t('org.person.withOrg', { name: p.name, org: p.organisation }) : p.name));
}

function Stat({ label, value, note }) {
	return (
		<div class="stat">
			<dt>{label}</dt>
			<dd>
				<span class="stat-value">{value}</span>
				{note && <span class="aside"> {note}</span>}
			</dd>
		</div>
	);
}

export default function Schedule({ params }) {
	const id = params.id;
	const me = account.value;
	const ev = useEvent(id);
	const [preview, setPreview] = useState(null);
	const [keep, setKeep] = useState(true);
	const [busy, setBusy] = useState(null);
	const [error, setError] = useState(null);
	const [published, setPublished] = useState(null);
	if (me === undefined) return null;
	if (me === null) return <SignedOut title={t('org.sched.title')} />;
	const e = ev.data;
	const zone = e && e.time_zone;
	const run = async (publish) => {
		setBusy(publish ? 'publish' : 'preview');
		setError(null);
		try {
			const res = await post(`/events/${e.id}/schedule`, { publish, keep_published: keep });
			setPreview(res);
			if (publish) {
				setPublished(res);
				ev.reload();
			} else setPublished(null);
		} catch (err) {
			setError(errorText(err));
		} finally {
			setBusy(null);
		}
	};
	const publish = () => {
		const s = preview.stats;
		if (confirmAction(t('org.sched.publishConfirm', { scheduled: s.scheduled, unscheduled: s.meetings - s.scheduled, moved: s.moved || 0 }))) run(true);
	};
	const byId = new Map(((preview && preview.meetings) || []).map((m) => [m.id, m]));
	const s = preview && preview.stats;
	const changes = preview ? preview.meetings.filter((m) => m.change === 'moved' || m.change === 'dropped') : [];
	return (
		<Page title={t('org.sched.title')} context={contextLine(e)} nav={<EventNav id={id} current="schedule" />}>
			<Status state={ev}>
				{e && (
					<>
						<p>
							{e.schedule_published_at
								? t('org.sched.lastPublished', { when: whenText(e.schedule_published_at) })
								: t('org.sched.neverPublished')}
						</p>
						<div class="check">
							<input id="sched-keep" type="checkbox" checked={keep} onChange={(x) => setKeep(x.target.checked)} aria-describedby="sched-keep-hint" />
							<label for="sched-keep">{t('org.sched.keep')}</label>
							<small id="sched-keep-hint" class="hint">
								{t('org.sched.keepHint')}
							</small>
						</div>
						<div class="form-actions">
							<button type="button" class={preview ? 'quiet' : ''} disabled={!!busy} onClick={() => run(false)}>
								{busy === 'preview' ? t('org.sched.running') : preview ? t('org.sched.again') : t('org.sched.run')}
							</button>
							{preview && !published && (
								<button type="button" disabled={!!busy} onClick={publish}>
									{busy === 'publish' ? t('org.sched.publishing') : t('org.sched.publish')}
								</button>
							)}
						</div>
						{error && (
							<div class="notice danger" role="alert">
								{error}
							</div>
						)}
						{published && (
							<div class="notice ok" role="status">
								{t('org.sched.published', { count: published.stats.scheduled })} <a href={`/organise/events/${id}/grid`}>{t('org.sched.seeGrid')}</a>
							</div>
						)}
						{preview && (
							<section aria-labelledby="sched-result">
								<h2 id="sched-result">{published ? t('org.sched.resultPublished') : t('org.sched.result')}</h2>
								<dl class="stats">
									<Stat
										label={t('org.sched.weight')}
										value={t('org.sched.weightOf', { weight: formatNumber(s.weight), bound: formatNumber(s.upper_bound) })}
										note={s.upper_bound ? t('org.sched.percent', { pct: formatNumber(s.weight / s.upper_bound, { style: 'percent' }) }) : null}
									/>
									<Stat label={t('org.sched.scheduled')} value={t('org.sched.scheduledOf', { scheduled: s.scheduled, count: s.meetings })} />
									<Stat label={t('org.sched.where')} value={t('org.sched.whereValue', { onsite: s.onsite, online: s.online })} />
									<Stat label={t('org.sched.gaps')} value={formatNumber(s.idle_gaps)} note={t('org.sched.gapsNote')} />
									<Stat label={t('org.sched.unmet')} value={formatNumber(s.unmet_people || 0)} />
									<Stat label={t('org.sched.changes')} value={t('org.sched.changesValue', { kept: s.kept || 0, moved: s.moved || 0 })} />
								</dl>
								<h3 class="section">{t('org.sched.unscheduledTitle', { count: preview.unscheduled.length })}</h3>
								{!preview.unscheduled.length ? (
									<p class="empty">{t('org.sched.allPlaced')}</p>
								) : (
									<ul class="cards">
										{preview.unscheduled.map((u) => {
											const m = byId.get(u.meeting);
											return (
												<li class="card" key={u.meeting}>
													<p>
														<strong>{t('org.meeting.number', { id: u.meeting })}</strong> · {m ? who(m).join(' · ') : ''}
													</p>
													<p class="reason">{t('org.sched.reason', { reason: u.reason })}</p>
												</li>
											);
										})}
									</ul>
								)}
								{preview.warnings && preview.warnings.length > 0 && (
									<>
										<h3 class="section">{t('org.sched.warnings', { count: preview.warnings.length })}</h3>
										<ul>
											{preview.warnings.map((w, i) => (
												<li key={i}>{w.message}</li>
											))}
										</ul>
									</>
								)}
								{changes.length > 0 && (
									<>
										<h3 class="section">{t('org.sched.moves', { count: changes.length })}</h3>
										<ul>
											{changes.map((m) => (
												<li key={m.id}>
													{t('org.meeting.number', { id: m.id })}: {t('org.change.' + m.change)}
													{m.start ? ' → ' + slotLabel(m.start, zone, true) : ''}
												</li>
											))}
										</ul>
									</>
								)}
								<p class="aside">{t('org.sched.at', { when: whenText(new Date().toISOString()) })}</p>
							</section>
						)}
					</>
				)}
			</Status>
		</Page>
	);
}
