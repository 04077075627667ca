// password-reset.jsx - "Forgotten your password?": ask for a code by
// e-mail, then set a new password with it.
import { useState } from 'preact/hooks';
import { post } from '../../api.js';
import { t } from '../../i18n.js';
import { Field, FormError, Page, useForm } from '../../ui.jsx';

export default function PasswordReset({ search }) {
	const [sent, setSent] = useState(false);
	const [done, setDone] = useState(false);
	const ask = useForm({ email: '' });
	const confirm = useForm({ token: search.get('code') || '', new_password: '' });
	const onAsk = async (ev) => {
		ev.preventDefault();
		const ok = await ask.submit((v) => post('/auth/password-reset', { email: v.email.trim() }).then(() => true));
		if (ok) setSent(true);
	};
	const onConfirm = async (ev) => {
		ev.preventDefault();
		const ok = await confirm.submit((v) => post('/auth/password-reset/confirm', { token: v.token.trim(), new_password: v.new_password }).then(() => true));
		if (ok) setDone(true);
	};
	if (done)
		return (
			<Page title={t('reset.title')}>
				<div class="notice ok" role="status">
					{t('reset.done')}
				</div>
				<p>
					<a class="button" href="/sign-in">
						{t('nav.signIn')}
					</a>
				</p>
			</Page>
		);
	return (
		<Page title={t('reset.title')} context={t('reset.context')}>
			<div class="two-col">
				<form class="card" onSubmit={onAsk} noValidate aria-labelledby="reset-ask">
					<h2 id="reset-ask">{t('reset.askTitle')}</h2>
					<FormError error={ask.formError} />
					{sent && (
						<div class="notice ok" role="status">
							{t('reset.sent')}
						</div>
					)}
					<Field label={t('field.email')} error={ask.errors.email}>
						{(p) => <input {...p} type="email" required autocomplete="email" value={ask.values.email} onInput={ask.set('email')} />}
					</Field>
					<button type="submit" disabled={ask.busy}>
						{t('reset.ask')}
					</button>
				</form>
				<form class="card" onSubmit={onConfirm} noValidate aria-labelledby="reset-confirm">
					<h2 id="reset-confirm">{t('reset.confirmTitle')}</h2>
					<FormError error={confirm.formError} />
					<Field label={t('field.resetCode')} error={confirm.errors.token} hint={t('reset.codeHint')}>
						{(p) => <input {...p} required autocomplete="one-time-code" value={confirm.values.token} onInput={confirm.set('token')} />}
					</Field>
					<Field label={t('field.newPassword')} error={confirm.errors.new_password} hint={t('password.hint')}>
						{(p) => (
							<input {...p} type="password" required autocomplete="new-password" value={confirm.values.new_password} onInput={confirm.set('new_password')} />
						)}
					</Field>
					<button type="submit" disabled={confirm.busy}>
						{t('reset.confirm')}
					</button>
				</form>
			</div>
		</Page>
	);
}
