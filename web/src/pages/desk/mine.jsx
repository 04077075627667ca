// mine.jsx - "What have I asked the desk?": the enquiries I opened (or the
// desk opened for me), and the form that opens a new one.
import { useState } from 'preact/hooks';
import { get, post } from '../../api.js';
import { t } from '../../i18n.js';
import { navigate } from '../../router.js';
import { account } from '../../session.js';
import { Field, FormError, Page, Pager, Status, useForm, useLoad } from '../../ui.jsx';
import { SignedIn } from '../participant/signed-in.jsx';
import { CATEGORIES, PRIORITIES, CaseCard } from './lib.jsx';

function NewEnquiry() {
	const me = account.value;
	const f = useForm({ subject: '', body: '', category: 'partner_search', priority: 'normal', organisation_id: me.organisation_id ? 'mine' : '' });
	const send = (ev) => {
		ev.preventDefault();
		f.submit(async (v) => {
			const body = { subject: v.subject, body: v.body, category: v.category, priority: v.priority };
			if (v.organisation_id === 'mine') body.organisation_id = me.organisation_id;
			const c = await post('/cases', body);
			navigate('/enquiries/' + c.id);
		});
	};
	return (
		<form class="card form-wide" onSubmit={send} aria-labelledby="new-enq">
			<h2 id="new-enq">{t('desk.new.title')}</h2>
			<p class="meta">{t('desk.new.hint')}</p>
			<FormError error={f.formError} />
			<Field label={t('desk.new.subject')} error={f.errors.subject}>
				{(a) => <input {...a} value={f.values.subject} onInput={f.set('subject')} required maxLength={300} />}
			</Field>
			<Field label={t('desk.new.body')} error={f.errors.body}>
				{(a) => <textarea {...a} rows={5} value={f.values.body} onInput={f.set('body')} required maxLength={20000} />}
			</Field>
			<div class="grid-2">
				<Field label={t('desk.new.category')} error={f.errors.category}>
					{(a) => (
						<select {...a} value={f.values.category} onChange={f.set('category')}>
							{CATEGORIES.map((c) => (
								<option key={c} value={c}>
									{t('desk.category.' + c)}
								</option>
							))}
						</select>
					)}
				</Field>
				<Field label={t('desk.new.priority')} error={f.errors.priority}>
					{(a) => (
						<select {...a} value={f.values.priority} onChange={f.set('priority')}>
							{PRIORITIES.map((p) => (
								<option key={p} value={p}>
									{t('desk.priority.' + p)}
								</option>
							))}
						</select>
					)}
				</Field>
			</div>
			{me.organisation_id && (
				<p class="check">
					<input
						id="enq-org"
						type="checkbox"
						checked={f.values.organisation_id === 'mine'}
						onChange={(e) => f.setValues((s) => ({ ...s, organisation_id: e.target.checked ? 'mine' : '' }))}
					/>
					<label for="enq-org">{t('desk.new.aboutMine')}</label>
				</p>
			)}
			<button type="submit" disabled={f.busy}>
				{t('desk.new.send')}
			</button>
		</form>
	);
}

function Mine() {
	const [cursor, setCursor] = useState(null);
	const list = useLoad(() => get('/cases', { view: 'all', cursor, limit: 20 }), [cursor]);
	return (
		<Page title={t('desk.mine.title')} context={t('desk.mine.context')}>
			<Status state={list} empty={list.data && !list.data.items.length ? t('desk.mine.none') : null}>
				{list.data && (
					<ul class="cards cases" aria-label={t('desk.mine.list')}>
						{list.data.items.map((c) => (
							<CaseCard key={c.id} c={c} href={'/enquiries/' + c.id} />
						))}
					</ul>
				)}
			</Status>
			{list.data && <Pager next={list.data.next} atStart={!cursor} onNext={setCursor} onFirst={() => setCursor(null)} />}
			<NewEnquiry />
		</Page>
	);
}

export default function MyEnquiries() {
	return <SignedIn title={t('desk.mine.title')}>{() => <Mine />}</SignedIn>;
}
