// sign-up.jsx - "Join liaison": an account from an invitation code (the
// code came by e-mail; the organisation comes from the invitation).
import { post } from '../../api.js';
import { t } from '../../i18n.js';
import { navigate } from '../../router.js';
import { adopt } from '../../session.js';
import { Field, FormError, Page, useForm } from '../../ui.jsx';

export default function SignUp({ search }) {
	const form = useForm({ invitation: search.get('code') || '', email: search.get('email') || '', name: '', password: '' });
	const onSubmit = async (ev) => {
		ev.preventDefault();
		const me = await form.submit((v) =>
			post('/auth/register', { invitation: v.invitation.trim(), email: v.email.trim(), name: v.name.trim(), password: v.password }),
		);
		if (me) {
			adopt(me);
			navigate('/profile?welcome=1');
		}
	};
	return (
		<Page title={t('signUp.title')} context={t('signUp.context')}>
			<form class="card narrow" onSubmit={onSubmit} noValidate>
				<FormError error={form.formError} />
				<Field label={t('field.invitation')} error={form.errors.invitation} hint={t('signUp.invitationHint')}>
					{(p) => <input {...p} required autocomplete="one-time-code" value={form.values.invitation} onInput={form.set('invitation')} />}
				</Field>
				<Field label={t('field.email')} error={form.errors.email} hint={t('signUp.emailHint')}>
					{(p) => <input {...p} type="email" required autocomplete="email" value={form.values.email} onInput={form.set('email')} />}
				</Field>
				<Field label={t('field.name')} error={form.errors.name}>
					{(p) => <input {...p} required autocomplete="name" value={form.values.name} onInput={form.set('name')} />}
				</Field>
				<Field label={t('field.newPassword')} error={form.errors.password} hint={t('password.hint')}>
					{(p) => <input {...p} type="password" required minLength={10} autocomplete="new-password" value={form.values.password} onInput={form.set('password')} />}
				</Field>
				<button type="submit" disabled={form.busy}>
					{t('signUp.submit')}
				</button>
				<p class="aside">
					<a href="/sign-in">{t('signUp.haveAccount')}</a>
				</p>
			</form>
		</Page>
	);
}
