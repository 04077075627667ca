// notifications.jsx - the account page's "E-mail notifications": one
// checkbox per kind of message one may opt out of (GET/PUT
// /me/notifications); every sender skips the kinds left unticked.
import { useEffect, useState } from 'preact/hooks';
import { get, put } from '../../api.js';
import { t } from '../../i18n.js';
import { FormError, errorText } from '../../ui.jsx';

export function NotificationPrefs() {
	const [prefs, setPrefs] = useState(null);
	const [off, setOff] = useState([]);
	const [error, setError] = useState(null);
	const [saved, setSaved] = useState(false);
	const [busy, setBusy] = useState(false);
	useEffect(() => {
		get('/me/notifications').then(
			(p) => {
				setPrefs(p);
				setOff(p.off);
			},
			(e) => setError(errorText(e)),
		);
	}, []);
	const toggle = (kind) => (ev) => {
		setSaved(false);
		setOff((o) => (ev.target.checked ? o.filter((k) => k !== kind) : [...o, kind]));
	};
	const onSubmit = async (ev) => {
		ev.preventDefault();
		setBusy(true);
		setError(null);
		setSaved(false);
		try {
			const p = await put('/me/notifications', { off });
			setOff(p.off);
			setSaved(true);
		} catch (e) {
			setError(errorText(e));
		} finally {
			setBusy(false);
		}
	};
	return (
		<form class="card" onSubmit={onSubmit} aria-labelledby="notify-title">
			<h2 id="notify-title">{t('notify.prefsTitle')}</h2>
			<p class="meta">{t('notify.prefsIntro')}</p>
			<FormError error={error} />
			{saved && (
				<div class="notice ok" role="status">
					{t('notify.prefsSaved')}
				</div>
			)}
			{prefs && (
				<fieldset class="plain">
					<legend class="visually-hidden">{t('notify.prefsTitle')}</legend>
					{prefs.kinds.map((kind) => (
						<div class="check" key={kind}>
							<input type="checkbox" id={`notify-${kind}`} checked={!off.includes(kind)} onChange={toggle(kind)} />
							<label for={`notify-${kind}`}>{t('notify.kind.' + kind)}</label>
						</div>
					))}
				</fieldset>
			)}
			<button type="submit" disabled={busy || !prefs}>
				{t('notify.prefsSave')}
			</button>
		</form>
	);
}
