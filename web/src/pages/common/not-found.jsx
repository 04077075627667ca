// not-found.jsx - a path the UI does not know.
import { t } from '../../i18n.js';
import { Page } from '../../ui.jsx';

export default function NotFound() {
	return (
		<Page title={t('notFound.title')}>
			<p>
				<a href="/">{t('notFound.home')}</a>
			</p>
		</Page>
	);
}
