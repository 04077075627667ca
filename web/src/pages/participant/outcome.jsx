// outcome.jsx - "What became of this meeting?": under an agenda meeting
// whose slot has ended, my side's answer (once; a comment for the
// organisers), then the other side's once both have answered.
import { useState } from 'preact/hooks';
import { get, put } from '../../api.js';
import { t } from '../../i18n.js';
import { Field, FormError, useForm, useLoad } from '../../ui.jsx';
import { myPerson } from './lib.js';

export const OUTCOMES = ['cooperation_possible', 'informative_no_cooperation', 'insufficient_interest', 'did_not_take_place'];

function Answer({ side, mine }) {
	if (!side.answered) return <p class="meta">{t(mine ? 'outcome.mineMissing' : 'outcome.theirsMissing')}</p>;
	if (!side.outcome) return <p class="meta">{t('outcome.theirsHidden')}</p>;
	return (
		<p>
			{t(mine ? 'outcome.mine' : 'outcome.theirs', { outcome: t('outcome.' + side.outcome) })}
			{side.no_show && <span class="meta"> {t('outcome.noShow')}</span>}
		</p>
	);
}

function OutcomeForm({ meeting, onDone }) {
	const f = useForm({ outcome: '', comment: '' });
	const send = (ev) => {
		ev.preventDefault();
		f.submit(async (v) => {
			const body = { outcome: v.outcome };
			if (v.comment.trim()) body.comment = v.comment.trim();
			onDone(await put(`/meetings/${meeting}/outcome`, body));
		});
	};
	return (
		<form class="outcome-form" onSubmit={send}>
			<FormError error={f.formError} />
			<Field label={t('outcome.question')} error={f.errors.outcome}>
				{(a) => (
					<select {...a} value={f.values.outcome} onChange={f.set('outcome')} required>
						<option value="">{t('outcome.choose')}</option>
						{OUTCOMES.map((o) => (
							<option key={o} value={o}>
								{t('outcome.' + o)}
							</option>
						))}
					</select>
				)}
			</Field>
			<Field label={t('outcome.comment')} hint={t('outcome.commentHint')} error={f.errors.comment}>
				{(a) => <textarea {...a} rows={2} maxLength={2000} value={f.values.comment} onInput={f.set('comment')} />}
			</Field>
			<button type="submit" disabled={f.busy || !f.values.outcome}>
				{t('outcome.record')}
			</button>
		</form>
	);
}

// The outcome block of agenda meeting m (nothing before its slot has ended).
export function Outcome({ meeting: m }) {
	const ended = new Date(m.end_utc || m.end).getTime() <= Date.now();
	const [view, setView] = useState(null);
	const state = useLoad(() => (ended ? get(`/meetings/${m.id}/outcomes`) : Promise.resolve(null)), [m.id, ended]);
	const v = view || state.data;
	if (!ended || !v) return null;
	const me = myPerson();
	const mine = v.sides.find((s) => s.person_id === me);
	const other = v.sides.find((s) => s.person_id !== me);
	return (
		<section class="outcome" aria-label={t('outcome.title')}>
			<h3 class="outcome-title">{t('outcome.title')}</h3>
			{mine && !mine.answered ? <OutcomeForm meeting={m.id} onDone={setView} /> : mine && <Answer side={mine} mine />}
			{other && <Answer side={other} />}
			{mine && mine.outcome === 'cooperation_possible' && (
				<p>
					<a href={`/agreements?meeting=${m.id}`}>{t('outcome.agreement')}</a>
				</p>
			)}
		</section>
	);
}
