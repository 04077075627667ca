// reviews.jsx - "Which submissions do I review?": a jury member's
// assignments of a challenge, each with its abstract, attachments and the
// review form: a score from 0 to 10 per criterion (its weight named), a
// comment to the jury and one to the submitter.
import { useState } from 'preact/hooks';
import { get, put } from '../../api.js';
import { formatNumber, t } from '../../i18n.js';
import { Field, FormError, Page, Status, useForm, useLoad } from '../../ui.jsx';
import { SignedIn } from '../participant/signed-in.jsx';
import { StateBadge, Tr, pick } from './lib.jsx';

const SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

function ReviewForm({ r, criteria, open, onSaved }) {
	const init = {};
	for (const c of criteria) init['score_' + c.id] = r.scores && r.scores[c.id] !== undefined ? String(r.scores[c.id]) : '';
	init.comment_jury = r.comment_jury || '';
	init.comment_submitter = r.comment_submitter || '';
	init.scores = '';
	const f = useForm(init);
	const send = (ev) => {
		ev.preventDefault();
		f.submit(async (v) => {
			const scores = {};
			for (const c of criteria) if (v['score_' + c.id] !== '') scores[c.id] = Number(v['score_' + c.id]);
			const body = { scores };
			if (v.comment_jury.trim()) body.comment_jury = v.comment_jury;
			if (v.comment_submitter.trim()) body.comment_submitter = v.comment_submitter;
			try {
				onSaved(await put(`/submissions/${r.submission_id}/review`, body));
			} catch (err) {
				// "scores.<criterion>": next to that criterion's score
				const m = err.field && /^scores\.(.+)$/.exec(err.field);
				if (m) err.field = 'score_' + m[1];
				throw err;
			}
		});
	};
	return (
		<form onSubmit={send} noValidate aria-label={t('ch.rev.formFor', { title: r.title })}>
			<FormError error={f.formError} />
			<div class="grid-2">
				{criteria.map((c) => (
					<Field key={c.id} label={t('ch.rev.score', { criterion: pick(c.label).text, weight: formatNumber(c.weight) })} error={f.errors['score_' + c.id]}>
						{(a) => (
							<select {...a} value={f.values['score_' + c.id]} onChange={f.set('score_' + c.id)} disabled={!open}>
								<option value="">{t('ch.rev.choose')}</option>
								{SCORES.map((n) => (
									<option key={n} value={String(n)}>
										{formatNumber(n)}
									</option>
								))}
							</select>
						)}
					</Field>
				))}
			</div>
			<Field label={t('ch.rev.commentJury')} error={f.errors.comment_jury}>
				{(a) => <textarea {...a} rows={3} value={f.values.comment_jury} onInput={f.set('comment_jury')} maxLength={5000} disabled={!open} />}
			</Field>
			<Field label={t('ch.rev.commentSubmitter')} hint={t('ch.rev.commentSubmitterHint')} error={f.errors.comment_submitter}>
				{(a) => <textarea {...a} rows={3} value={f.values.comment_submitter} onInput={f.set('comment_submitter')} maxLength={5000} disabled={!open} />}
			</Field>
			{open && (
				<div class="form-actions">
					<button type="submit" disabled={f.busy}>
						{t('ch.rev.save')}
					</button>
				</div>
			)}
		</form>
	);
}

function Assignment({ r, criteria, open }) {
	const [mine, setMine] = useState(r);
	return (
		<li class="card">
			<h2 class="card-title">{r.title}</h2>
			<p class="meta">{mine.submitted_at ? <span class="badge ok">{t('ch.rev.given')}</span> : <span class="badge pending">{t('ch.rev.toDo')}</span>}</p>
			<p>{r.abstract}</p>
			{r.attachments && r.attachments.length > 0 && (
				<ul class="plain">
					{r.attachments.map((a) => (
						<li key={a.id}>
							<a href={`/api/v1/submissions/${r.submission_id}/attachments/${a.id}`} download={a.name}>
								{a.name}
							</a>
						</li>
					))}
				</ul>
			)}
			<ReviewForm r={mine} criteria={criteria} open={open} onSaved={(x) => setMine({ ...mine, ...x })} />
		</li>
	);
}

function ReviewsView({ id }) {
	const state = useLoad(() => Promise.all([get(`/challenges/${id}`), get(`/challenges/${id}/reviews`)]), [id]);
	const ch = state.data && state.data[0];
	const rev = state.data && state.data[1];
	const open = ch && ch.state === 'in_review';
	return (
		<Page title={t('ch.rev.title')} context={ch && <><Tr texts={ch.title} /> · <StateBadge state={ch.state} /></>}>
			<Status state={state} empty={rev && !rev.items.length ? t('ch.rev.none') : null}>
				{rev && (
					<>
						{!open && <p class="notice">{t('ch.rev.notOpen')}</p>}
						<ul class="cards" aria-label={t('ch.rev.list')}>
							{rev.items.map((r) => (
								<Assignment key={r.id} r={r} criteria={rev.criteria} open={open} />
							))}
						</ul>
					</>
				)}
			</Status>
		</Page>
	);
}

export default function ReviewsPage({ params }) {
	return <SignedIn title={t('ch.rev.title')}>{() => <ReviewsView id={params.id} />}</SignedIn>;
}
