// labels.js - readable names of the API's codes in the interface language.
import { t, lang } from '../../i18n.js';

function known(key, fallback) {
	const s = t(key);
	return s === key ? fallback : s;
}
export const themeLabel = (id) => known('theme.' + id, String(id).replace(/-/g, ' '));
export const kindLabel = (k) => known('kind.' + k, k);
export const sdgLabel = (n) => t('sdg.label', { n });
export const stateLabel = (s) => known('request.state.' + s, s);
// Reads lang so that components re-render when it changes.
export const uiLang = () => lang.value;
