// home.jsx - "What is on?": the current events and a search of the directory.
import { useState } from 'preact/hooks';
import { get } from '../../api.js';
import { t, formatDateTime } from '../../i18n.js';
import { navigate } from '../../router.js';
import { Page, Status, useLoad } from '../../ui.jsx';

function firstStart(ev) {
	return ev.slots && ev.slots.length ? ev.slots[0].start : null;
}

export default function Home() {
	const [q, setQ] = useState('');
	const events = useLoad(() => get('/events', { limit: 20 }), []);
	const items = (events.data && events.data.items) || [];
	return (
		<Page title={t('home.title')} context={t('home.context')}>
			<form
				role="search"
				class="search"
				onSubmit={(e) => {
					e.preventDefault();
					navigate('/directory' + (q.trim() ? '?q=' + encodeURIComponent(q.trim()) : ''));
				}}
			>
				<label for="home-q">{t('home.searchLabel')}</label>
				<div class="search-row">
					<input id="home-q" type="search" value={q} onInput={(e) => setQ(e.target.value)} placeholder={t('home.searchPlaceholder')} />
					<button type="submit">{t('action.search')}</button>
				</div>
			</form>
			<h2>{t('home.events')}</h2>
			<Status state={events} empty={events.data && !items.length ? t('home.noEvents') : null}>
				<ul class="cards">
					{items.map((ev) => (
						<li class="card" key={ev.id}>
							<h3>
								<a href={`/events/${ev.id}`}>{ev.name}</a>
							</h3>
							<p class="meta">
								{[ev.city, t('event.mode.' + ev.mode), firstStart(ev) && formatDateTime(firstStart(ev), ev.time_zone, { dateStyle: 'long', timeStyle: undefined })]
									.filter(Boolean)
									.join(' · ')}
							</p>
						</li>
					))}
				</ul>
			</Status>
		</Page>
	);
}
