// tokens.jsx - "My API tokens": personal tokens for programs; a new one is
// shown once; revoking one stops the programs that use it.
import { useState } from 'preact/hooks';
import { get, post, del } from '../../api.js';
import { t } from '../../i18n.js';
import { Field, FormError, Page, Status, useForm, useLoad, errorText, confirmAction, whenText } from '../../ui.jsx';
import { SignedIn } from './signed-in.jsx';

function TokensPage() {
	const list = useLoad(() => get('/auth/tokens'), []);
	const [fresh, setFresh] = useState(null);
	const [error, setError] = useState(null);
	const form = useForm({ name: '' });
	const items = (list.data && list.data.items) || [];
	const onCreate = async (ev) => {
		ev.preventDefault();
		const tok = await form.submit((v) => post('/auth/tokens', { name: v.name.trim() }));
		if (tok) {
			setFresh(tok);
			form.setValues({ name: '' });
			list.reload();
		}
	};
	const revoke = async (tok) => {
		if (!confirmAction(t('tokens.revokeConfirm', { name: tok.name }))) return;
		setError(null);
		try {
			await del(`/auth/tokens/${tok.id}`);
			if (fresh && fresh.id === tok.id) setFresh(null);
			list.reload();
		} catch (e) {
			setError(errorText(e));
		}
	};
	return (
		<Page title={t('tokens.title')} context={t('tokens.context')}>
			<form class="card narrow" onSubmit={onCreate} noValidate aria-labelledby="tok-new">
				<h2 id="tok-new">{t('tokens.newTitle')}</h2>
				<FormError error={form.formError} />
				<Field label={t('tokens.name')} error={form.errors.name} hint={t('tokens.nameHint')}>
					{(p) => <input {...p} required maxLength={100} value={form.values.name} onInput={form.set('name')} />}
				</Field>
				<button type="submit" disabled={form.busy}>
					{t('tokens.create')}
				</button>
			</form>
			{fresh && (
				<div class="notice ok" role="status">
					<p>{t('tokens.showOnce', { name: fresh.name })}</p>
					<label for="fresh-token">{t('tokens.value')}</label>
					<input id="fresh-token" class="token" readOnly value={fresh.token} onFocus={(e) => e.target.select()} />
				</div>
			)}
			<FormError error={error} />
			<h2>{t('tokens.yours')}</h2>
			<Status state={list} empty={list.data && !items.length ? t('tokens.none') : null}>
				<ul class="plain rows">
					{items.map((tok) => (
						<li key={tok.id} class="row">
							<div>
								<strong>{tok.name}</strong>
								<p class="meta">
									{t('tokens.created', { when: whenText(tok.created_at) })}
									{' · '}
									{tok.last_used_at ? t('tokens.used', { when: whenText(tok.last_used_at) }) : t('tokens.neverUsed')}
								</p>
							</div>
							<button type="button" class="quiet danger-text" onClick={() => revoke(tok)}>
								{t('tokens.revoke', { name: tok.name })}
							</button>
						</li>
					))}
				</ul>
			</Status>
		</Page>
	);
}

export default function Tokens() {
	return <SignedIn title={t('tokens.title')}>{() => <TokensPage />}</SignedIn>;
}
