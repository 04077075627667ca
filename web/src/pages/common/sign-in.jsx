// sign-in.jsx - "Sign in": e-mail and password; then back where one was going.
import { t } from '../../i18n.js';
import { navigate } from '../../router.js';
import { signIn } from '../../session.js';
import { Field, FormError, Page, useForm } from '../../ui.jsx';

export default function SignIn({ search }) {
	const form = useForm({ email: '', password: '' });
	const onSubmit = async (ev) => {
		ev.preventDefault();
		const me = await form.submit((v) => signIn(v.email.trim(), v.password));
		if (me) navigate(search.get('next') || '/');
	};
	return (
		<Page title={t('signIn.title')}>
			<form class="card narrow" onSubmit={onSubmit} noValidate>
				<FormError error={form.formError} />
				<Field label={t('field.email')} error={form.errors.email}>
					{(p) => <input {...p} type="email" autocomplete="username" required value={form.values.email} onInput={form.set('email')} />}
				</Field>
				<Field label={t('field.password')} error={form.errors.password}>
					{(p) => (
						<input {...p} type="password" autocomplete="current-password" required value={form.values.password} onInput={form.set('password')} />
					)}
				</Field>
				<button type="submit" disabled={form.busy}>
					{t('signIn.submit')}
				</button>
				<p class="aside">
					<a href="/password-reset">{t('signIn.forgot')}</a> · <a href="/sign-up">{t('signIn.signUp')}</a>
				</p>
			</form>
		</Page>
	);
}
