// list.jsx - "Which challenges can I answer?": the calls the viewer may see,
// newest first, each with its state and deadline (the organiser's zone and
// the viewer's); those open to an organisation the viewer represents are
// marked; admins start a new one.
import { get } from '../../api.js';
import { t } from '../../i18n.js';
import { account, isAdmin } from '../../session.js';
import { Page, Status, useLoad } from '../../ui.jsx';
import { StateBadge, Tr, closesText, manages, organisations, pick, represented } from './lib.jsx';

// The organisations of mine that challenge ch admits (kinds, countries), while open.
export function eligibleOf(ch, orgs) {
	const el = ch.eligibility || {};
	return Object.values(orgs || {}).filter(
		(o) => o && (!el.kinds || !el.kinds.length || el.kinds.includes(o.kind)) && (!el.countries || !el.countries.length || el.countries.includes(o.country)),
	);
}

export default function ChallengeList() {
	const me = account.value;
	const state = useLoad(async () => {
		const [list, orgs] = await Promise.all([get('/challenges'), organisations(me ? represented() : [])]);
		return { items: list.items, orgs };
	}, [me && me.id]);
	const items = state.data ? state.data.items : [];
	return (
		<Page
			title={t('ch.list.title')}
			context={t('ch.list.context')}
			actions={
				isAdmin() && (
					<a class="button" href="/challenges/new">
						{t('ch.list.new')}
					</a>
				)
			}
		>
			<Status state={state} empty={state.data && !items.length ? t('ch.list.none') : null}>
				<ul class="cards" aria-label={t('ch.list.title')}>
					{items.map((ch) => {
						const mine = ch.state === 'open' ? eligibleOf(ch, state.data.orgs) : [];
						return (
							<li key={ch.id} class="card">
								<h2 class="card-title">
									<a href={`/challenges/${ch.id}`} lang={pick(ch.title).lang}>
										{pick(ch.title).text}
									</a>
								</h2>
								<p class="meta">
									<StateBadge state={ch.state} /> {t('ch.tracks', { count: ch.tracks.length })} · {t('ch.closes', { when: closesText(ch) })}
								</p>
								{ch.description && <Tr texts={ch.description} as="p" />}
								{mine.length > 0 && <p class="notice ok">{t('ch.list.openToYou', { orgs: mine.map((o) => o.name).join(', ') })}</p>}
								{manages(ch.id) && (
									<p>
										<a href={`/challenges/${ch.id}/manage`}>{t('ch.list.manage')}</a>
									</p>
								)}
							</li>
						);
					})}
				</ul>
			</Status>
		</Page>
	);
}
