// partner.jsx - "What do we do with this partner?": its agreement and
// renewal, the countries and themes it covers, its contact persons (the
// desk's staff only: the API leaves them out for others) and its activity
// log, latest first.
import { get } from '../../api.js';
import { t, countryName, formatList } from '../../i18n.js';
import { dayText } from './lib.jsx';
import { Page, Status, Text, useLoad } from '../../ui.jsx';
import { Renewal } from './network.jsx';

export default function Partner({ params }) {
	const s = useLoad(() => get('/partners/' + params.id), [params.id]);
	const p = s.data;
	return (
		<Page title={p ? p.name : t('net.partner')} context={p ? t('net.kind.' + p.kind) + ' · ' + countryName(p.country) : null}>
			<Status state={s}>
				{p && (
					<div class="stack">
						<dl class="facts">
							<dt>{t('net.signed')}</dt>
							<dd>{dayText(p.signed_on)}</dd>
							<dt>{t('net.renewalLabel')}</dt>
							<dd>
								<Renewal p={p} />
							</dd>
							<dt>{t('net.countries')}</dt>
							<dd>{formatList(p.countries.map(countryName)) || '—'}</dd>
							<dt>{t('net.themes')}</dt>
							<dd>{formatList(p.themes) || '—'}</dd>
							{p.website && (
								<>
									<dt>{t('net.website')}</dt>
									<dd>
										<a href={p.website}>{p.website}</a>
									</dd>
								</>
							)}
						</dl>
						{p.description && <Text>{p.description}</Text>}
						{p.contacts && (
							<section class="card" aria-labelledby="contacts-h">
								<h2 id="contacts-h">{t('net.contacts')}</h2>
								<ul class="plain">
									{p.contacts.map((c, i) => (
										<li key={i}>
											<strong>{c.name}</strong>
											{c.role && ' · ' + c.role}
											{c.email && (
												<>
													{' · '}
													<a href={'mailto:' + c.email}>{c.email}</a>
												</>
											)}
											{c.phone && ' · ' + c.phone}
										</li>
									))}
								</ul>
							</section>
						)}
						<section class="card" aria-labelledby="log-h">
							<h2 id="log-h">{t('net.log')}</h2>
							<p class="meta">
								{['event', 'delegation', 'referral_made', 'referral_received', 'renewal'].map((k) => t('net.count.' + k, { count: p.activity_counts[k] })).join(' · ')}
							</p>
							{p.activities.length ? (
								<ul class="plain" aria-label={t('net.log')}>
									{p.activities.map((a) => (
										<li key={a.id}>
											<span class="meta">{dayText(a.date)}</span> · {t('net.activity.' + a.kind)} · {a.title}
											{a.event && ' · ' + a.event}
											{a.note && <span class="meta"> — {a.note}</span>}
										</li>
									))}
								</ul>
							) : (
								<p>{t('net.logEmpty')}</p>
							)}
						</section>
					</div>
				)}
			</Status>
		</Page>
	);
}
