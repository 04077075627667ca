// join.jsx - "Ready to join online?": an online attendee enters the event's
// room. "Join the room" marks their online attendance (POST
// /events/{id}/join, the check-in the organiser's dashboard counts), then
// opens the room (the event's live stream / room link) in a new tab.
// Joining again is fine: the first check-in stays. Signed out: a link to
// sign in and come back here.
import { useState } from 'preact/hooks';
import { ApiError, post } from '../../api.js';
import { t, countryName, formatDate, formatDateTime, viewerZone, zoneCity } from '../../i18n.js';
import { FormError, Page, Status, errorText, useLoad } from '../../ui.jsx';
import { account } from '../../session.js';
import { getEvent } from './lib.js';

function Joined({ ev, done }) {
	return (
		<div class="notice ok" role="status">
			<p>{done.already ? t('join.already') : t('join.done', { time: formatDateTime(done.at, viewerZone()), zone: zoneCity(viewerZone()) })}</p>
			{ev.stream_url ? (
				<p>
					<a href={ev.stream_url} target="_blank" rel="noopener noreferrer">
						{t('join.openAgain')}
					</a>
				</p>
			) : (
				<p>{t('join.noRoom')}</p>
			)}
		</div>
	);
}

export default function JoinPage({ params }) {
	const state = useLoad(() => getEvent(params.id), [params.id]);
	const ev = state.data;
	const [done, setDone] = useState(null);
	const [error, setError] = useState(null);
	const [busy, setBusy] = useState(false);
	const join = async () => {
		setBusy(true);
		setError(null);
		try {
			const r = await post(`/events/${encodeURIComponent(ev.id)}/join`);
			setDone(r);
			// still within the click's user activation: the room opens beside this page
			if (ev.stream_url) window.open(ev.stream_url, '_blank', 'noopener,noreferrer');
		} catch (e) {
			setError(e instanceof ApiError && e.status === 404 ? t('join.notRegistered') : errorText(e));
		} finally {
			setBusy(false);
		}
	};
	const first = ev && ev.slots && ev.slots[0];
	return (
		<Page
			title={t('join.title')}
			context={ev ? [ev.name, t('event.mode.' + ev.mode), first && formatDate(first.start, ev.time_zone), ev.country && countryName(ev.country)].filter(Boolean).join(' · ') : null}
		>
			<Status state={state}>
				{ev && account.value === null && (
					<p class="notice">
						{t('join.signIn')} <a href={`/sign-in?next=/join/${encodeURIComponent(params.id)}`}>{t('nav.signIn')}</a>
					</p>
				)}
				{ev && account.value && (
					<div class="card">
						<p>{t('join.intro')}</p>
						<FormError error={error} />
						{done ? (
							<Joined ev={ev} done={done} />
						) : (
							<button type="button" onClick={join} disabled={busy}>
								{t('join.submit')}
							</button>
						)}
						<p class="meta">
							<a href={`/events/${encodeURIComponent(params.id)}`}>{t('join.eventPage')}</a>
						</p>
					</div>
				)}
			</Status>
		</Page>
	);
}
