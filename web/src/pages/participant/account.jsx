// account.jsx - "My account": change the password; which e-mails to
// receive; links to API tokens, the profile, the export and the deletion
// of the account.
import { useState } from 'preact/hooks';
import { post } from '../../api.js';
import { t } from '../../i18n.js';
import { account } from '../../session.js';
import { Field, FormError, Page, useForm, whenText } from '../../ui.jsx';
import { SignedIn } from './signed-in.jsx';
import { NotificationPrefs } from './notifications.jsx';

function AccountPage() {
	const me = account.value;
	const [done, setDone] = useState(false);
	const form = useForm({ current_password: '', new_password: '' });
	const onSubmit = async (ev) => {
		ev.preventDefault();
		setDone(false);
		const ok = await form.submit((v) => post('/auth/password', v).then(() => true));
		if (ok) {
			setDone(true);
			form.setValues({ current_password: '', new_password: '' });
		}
	};
	return (
		<Page title={t('account.title')} context={t('account.context', { email: me.email })}>
			{me.last_sign_in_at && <p class="meta">{t('account.lastSignIn', { when: whenText(me.last_sign_in_at) })}</p>}
			<div class="two-col">
				<form class="card" onSubmit={onSubmit} noValidate aria-labelledby="pw-title">
					<h2 id="pw-title">{t('account.passwordTitle')}</h2>
					<FormError error={form.formError} />
					{done && (
						<div class="notice ok" role="status">
							{t('account.passwordDone')}
						</div>
					)}
					<Field label={t('field.currentPassword')} error={form.errors.current_password}>
						{(p) => (
							<input {...p} type="password" required autocomplete="current-password" value={form.values.current_password} onInput={form.set('current_password')} />
						)}
					</Field>
					<Field label={t('field.newPassword')} error={form.errors.new_password} hint={t('password.hint')}>
						{(p) => <input {...p} type="password" required autocomplete="new-password" value={form.values.new_password} onInput={form.set('new_password')} />}
					</Field>
					<button type="submit" disabled={form.busy}>
						{t('account.passwordSubmit')}
					</button>
				</form>
				<div class="card">
					<h2>{t('account.more')}</h2>
					<ul class="plain links">
						<li>
							<a href="/account/tokens">{t('tokens.title')}</a>
						</li>
						{me.person_id && (
							<li>
								<a href="/profile">{t('profile.title')}</a>
							</li>
						)}
						<li>
							<a href="/profile#my-data">{t('profile.dataTitle')}</a>
						</li>
					</ul>
				</div>
				<NotificationPrefs />
			</div>
		</Page>
	);
}

export default function Account() {
	return <SignedIn title={t('account.title')}>{() => <AccountPage />}</SignedIn>;
}
