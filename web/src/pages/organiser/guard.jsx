// guard.jsx - what an organiser page shows to someone signed out.
import { t } from '../../i18n.js';
import { location } from '../../router.js';
import { Page } from '../../ui.jsx';

export function SignedOut({ title }) {
	const next = encodeURIComponent(location.value.path + (location.value.search.toString() ? '?' + location.value.search : ''));
	return (
		<Page title={title}>
			<p>
				{t('org.signedOut')} <a href={`/sign-in?next=${next}`}>{t('nav.signIn')}</a>
			</p>
		</Page>
	);
}
