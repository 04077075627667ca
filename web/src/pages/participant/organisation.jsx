// organisation.jsx - "Who is this organisation?": its profile in its own
// language, its offers and requests, themes, SDGs, sectors, its people
// (no contact details), and for signed-in participants a way to ask for
// a meeting.
import { get } from '../../api.js';
import { t, countryName, languageName, formatList, formatNumber, formatDate } from '../../i18n.js';
import { Page, Status, useLoad } from '../../ui.jsx';
import { getAll, getOrganisation, myOrganisation, myPerson, textLang } from './lib.js';
import { kindLabel, sdgLabel, themeLabel } from './labels.js';

function Opportunity({ o, languages }) {
	const l = textLang(o.title + ' ' + (o.description || ''), languages);
	return (
		<li class="card">
			<p class="meta">
				{t('opportunity.type.' + o.type)} · {t('opportunity.category.' + (o.category || 'business'))}
				{o.state === 'closed' ? ' · ' + t('opportunity.closed') : ''}
			</p>
			<h3 lang={l}>{o.title}</h3>
			{o.description && <p lang={l}>{o.description}</p>}
			{o.themes && o.themes.length > 0 && (
				<ul class="tags" aria-label={t('field.themes')}>
					{o.themes.map((th) => (
						<li key={th}>{themeLabel(th)}</li>
					))}
				</ul>
			)}
			{o.partnership && o.partnership.length > 0 && <p class="meta">{t('opportunity.partnership', { list: formatList(o.partnership) })}</p>}
			{o.deadline && <p class="meta">{t('opportunity.deadline', { date: formatDate(o.deadline + 'T12:00:00Z', 'UTC') })}</p>}
		</li>
	);
}

export default function Organisation({ params }) {
	const state = useLoad(async () => {
		const org = await getOrganisation(params.id);
		const [opps, people] = await Promise.all([getAll('/opportunities', { organisation: org.id }, 3), get('/people', { organisation: org.id, limit: 50 })]);
		return { org, opps, people: people.items };
	}, [params.id]);
	const d = state.data;
	const org = d && d.org;
	const mine = org && myOrganisation() === org.id;
	const offers = d ? d.opps.filter((o) => o.type === 'offer') : [];
	const requests = d ? d.opps.filter((o) => o.type === 'request') : [];
	return (
		<Page
			title={org ? org.name : t('organisation.title')}
			context={org ? [kindLabel(org.kind), org.city, countryName(org.country)].filter(Boolean).join(' · ') : null}
			actions={
				org && myPerson() && !mine ? (
					<a class="button" href={`/requests/new?organisation=${org.id}`}>
						{t('organisation.requestMeeting')}
					</a>
				) : null
			}
		>
			<Status state={state}>
				{org && (
					<>
						{org.description ? (
							<p class="description" lang={textLang(org.description, org.languages)}>
								{org.description}
							</p>
						) : (
							<p class="empty">{t('organisation.noDescription')}</p>
						)}
						<dl class="facts">
							{org.languages && org.languages.length > 0 && (
								<>
									<dt>{t('field.languages')}</dt>
									<dd>{formatList(org.languages.map(languageName))}</dd>
								</>
							)}
							{org.size && (
								<>
									<dt>{t('field.size')}</dt>
									<dd>{t('size.' + org.size)}</dd>
								</>
							)}
							{org.population != null && (
								<>
									<dt>{t('field.population')}</dt>
									<dd>{formatNumber(org.population)}</dd>
								</>
							)}
							{org.website && (
								<>
									<dt>{t('field.website')}</dt>
									<dd>
										<a href={org.website} rel="noopener noreferrer">
											{org.website}
										</a>
									</dd>
								</>
							)}
							{org.sectors && org.sectors.length > 0 && (
								<>
									<dt>{t('field.sectors')}</dt>
									<dd>{formatList(org.sectors.map((s) => 'NACE ' + s))}</dd>
								</>
							)}
							{org.sdgs && org.sdgs.length > 0 && (
								<>
									<dt>{t('field.sdgs')}</dt>
									<dd>{formatList(org.sdgs.map(sdgLabel))}</dd>
								</>
							)}
							{org.pillar_industries && org.pillar_industries.length > 0 && (
								<>
									<dt>{t('field.pillarIndustries')}</dt>
									<dd lang={textLang(org.pillar_industries.join(' '), org.languages)}>{formatList(org.pillar_industries)}</dd>
								</>
							)}
							{org.interests && org.interests.length > 0 && (
								<>
									<dt>{t('field.interests')}</dt>
									<dd lang={textLang(org.interests.join(' '), org.languages)}>{formatList(org.interests)}</dd>
								</>
							)}
						</dl>
						{org.themes && org.themes.length > 0 && (
							<>
								<h2>{t('field.themes')}</h2>
								<ul class="tags">
									{org.themes.map((th) => (
										<li key={th}>{themeLabel(th)}</li>
									))}
								</ul>
							</>
						)}
						<h2>{t('organisation.offers', { count: offers.length })}</h2>
						{offers.length ? (
							<ul class="cards">
								{offers.map((o) => (
									<Opportunity key={o.id} o={o} languages={org.languages} />
								))}
							</ul>
						) : (
							<p class="empty">{t('organisation.noOffers')}</p>
						)}
						<h2>{t('organisation.requests', { count: requests.length })}</h2>
						{requests.length ? (
							<ul class="cards">
								{requests.map((o) => (
									<Opportunity key={o.id} o={o} languages={org.languages} />
								))}
							</ul>
						) : (
							<p class="empty">{t('organisation.noRequests')}</p>
						)}
						<h2>{t('organisation.people')}</h2>
						{d.people.length ? (
							<ul class="plain">
								{d.people.map((p) => (
									<li key={p.id}>
										<span lang={textLang(p.name, p.languages)}>{p.name}</span>
										{p.role && (
											<span class="meta" lang={textLang(p.role, p.languages)}>
												{' · '}
												{p.role}
											</span>
										)}
									</li>
								))}
							</ul>
						) : (
							<p class="empty">{t('organisation.noPeople')}</p>
						)}
						{!myPerson() && (
							<p class="aside">
								<a href={`/sign-in?next=/organisations/${org.id}`}>{t('organisation.signInToMeet')}</a>
							</p>
						)}
					</>
				)}
			</Status>
		</Page>
	);
}
