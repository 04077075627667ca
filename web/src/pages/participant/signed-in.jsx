// signed-in.jsx - pages that need an account show a way in instead.
import { t } from '../../i18n.js';
import { location } from '../../router.js';
import { account } from '../../session.js';
import { Page } from '../../ui.jsx';

// <SignedIn title=…>{() => page}</SignedIn>: the page once the account is
// known; a sign-in link when signed out; nothing while unknown.
export function SignedIn({ title, person, children }) {
	const me = account.value;
	if (me === undefined) return null;
	if (!me || (person && !me.person_id)) {
		const next = location.value.path + (location.value.search.toString() ? '?' + location.value.search : '');
		return (
			<Page title={title}>
				<p class="notice">{me ? t('signedIn.noPerson') : t('signedIn.needed')}</p>
				{!me && (
					<p>
						<a class="button" href={`/sign-in?next=${encodeURIComponent(next)}`}>
							{t('nav.signIn')}
						</a>
					</p>
				)}
			</Page>
		);
	}
	return children();
}
