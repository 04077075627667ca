// case.jsx - one enquiry: "What does this enquiry need?" for the desk
// (/desk/cases/:id: facts, thread with internal notes, the moves the desk
// may make, a reply or a note, partners the matching engine suggests) and
// "Where is my enquiry?" for its requester (/enquiries/:id: the thread
// without notes, a reply, close or reopen, and the satisfaction asked once
// it is resolved).
import { useState } from 'preact/hooks';
import { get, post } from '../../api.js';
import { t } from '../../i18n.js';
import { location } from '../../router.js';
import { Field, FormError, Page, Status, Text, errorText, useForm, useLoad } from '../../ui.jsx';
import { SignedIn } from '../participant/signed-in.jsx';
import { Sla, inZone } from './lib.jsx';

function Thread({ messages }) {
	return (
		<ol class="thread" aria-label={t('desk.case.thread')}>
			{messages.map((m) => (
				<li key={m.id} class={'card message-item kind-' + m.kind}>
					<p class="meta">
						{m.author_name || m.author_email || t('desk.case.desk')} · {inZone(m.at)}
						{m.kind === 'note' && <span class="badge pending">{t('desk.case.note')}</span>}
					</p>
					{m.kind === 'state' ? (
						<p>{m.from_state ? t('desk.case.moved', { from: t('desk.state.' + m.from_state), to: t('desk.state.' + m.to_state) }) : t('desk.case.openedAs', { state: t('desk.state.' + m.to_state) })}</p>
					) : (
						<Text lang={m.lang}>{m.body}</Text>
					)}
				</li>
			))}
		</ol>
	);
}

function Reply({ id, staff, onDone }) {
	const f = useForm({ body: '', internal: false });
	const send = (ev) => {
		ev.preventDefault();
		f.submit(async (v) => {
			const c = await post(`/cases/${id}/messages`, staff ? { body: v.body, internal: !!v.internal } : { body: v.body });
			f.setValues({ body: '', internal: false });
			onDone(c);
		});
	};
	return (
		<form class="card" onSubmit={send} aria-labelledby="reply-h">
			<h2 id="reply-h">{staff ? t('desk.case.replyStaff') : t('desk.case.reply')}</h2>
			<FormError error={f.formError} />
			<Field label={t('desk.case.message')} error={f.errors.body}>
				{(a) => <textarea {...a} rows={4} value={f.values.body} onInput={f.set('body')} required maxLength={20000} />}
			</Field>
			{staff && (
				<p class="check">
					<input id="reply-internal" type="checkbox" checked={f.values.internal} onChange={f.set('internal')} />
					<label for="reply-internal">{t('desk.case.internal')}</label>
				</p>
			)}
			<button type="submit" disabled={f.busy}>
				{f.values.internal ? t('desk.case.addNote') : t('desk.case.send')}
			</button>
		</form>
	);
}

function Rate({ c, onDone }) {
	const f = useForm({ rating: '5', comment: '' });
	if (c.satisfaction.rating)
		return (
			<p class="notice ok">
				{t('desk.rate.given', { rating: c.satisfaction.rating })}
				{c.satisfaction.comment && ' — ' + c.satisfaction.comment}
			</p>
		);
	const send = (ev) => {
		ev.preventDefault();
		f.submit(async (v) => onDone(await post(`/cases/${c.id}/satisfaction`, v.comment.trim() ? { rating: Number(v.rating), comment: v.comment } : { rating: Number(v.rating) })));
	};
	return (
		<form class="card" onSubmit={send} aria-labelledby="rate-h">
			<h2 id="rate-h">{t('desk.rate.title')}</h2>
			<FormError error={f.formError} />
			<Field label={t('desk.rate.rating')} error={f.errors.rating}>
				{(a) => (
					<select {...a} value={f.values.rating} onChange={f.set('rating')}>
						{[5, 4, 3, 2, 1].map((n) => (
							<option key={n} value={String(n)}>
								{t('desk.rate.stars', { n })}
							</option>
						))}
					</select>
				)}
			</Field>
			<Field label={t('desk.rate.comment')} error={f.errors.comment}>
				{(a) => <textarea {...a} rows={2} value={f.values.comment} onInput={f.set('comment')} maxLength={2000} />}
			</Field>
			<button type="submit" disabled={f.busy}>
				{t('desk.rate.send')}
			</button>
		</form>
	);
}

function Suggestions({ id }) {
	const s = useLoad(() => get(`/cases/${id}/suggestions`), [id]);
	return (
		<section class="card" aria-labelledby="sugg-h">
			<h2 id="sugg-h">{t('desk.suggest.title')}</h2>
			<Status state={s} empty={s.data && !s.data.partners.length ? (s.data.organisation_id ? t('desk.suggest.none') : t('desk.suggest.noOrg')) : null}>
				{s.data && (
					<ul class="plain">
						{s.data.partners.map((p) => (
							<li key={p.id}>
								<a href={'/organisations/' + (p.ref || p.id)}>{p.name}</a>
								<span class="meta">
									{' '}
									· {t('desk.suggest.because', { reasons: p.reasons.map((r) => r.label).join(', ') })}
								</span>
							</li>
						))}
					</ul>
				)}
			</Status>
		</section>
	);
}

function ExpertSuggestions({ id }) {
	const [done, setDone] = useState({});
	const [error, setError] = useState(null);
	const s = useLoad(() => get(`/cases/${id}/experts`), [id]);
	const assigned = new Set((s.data ? s.data.assigned : []).map((a) => a.expert_id));
	const assign = async (x) => {
		setError(null);
		try {
			await post(`/experts/${x.id}/assignments`, { case_id: Number(id) });
			setDone({ ...done, [x.id]: true });
		} catch (err) {
			setError(errorText(err));
		}
	};
	return (
		<section class="card" aria-labelledby="exp-h">
			<h2 id="exp-h">{t('net.suggest.title')}</h2>
			<Status state={s} empty={s.data && !s.data.experts.length ? t('net.suggest.none') : null}>
				{s.data && (
					<ul class="plain">
						{s.data.experts.map((x) => (
							<li key={x.id}>
								<strong>{x.name}</strong>
								<span class="meta">
									{' '}
									· {x.field} · {t('desk.suggest.because', { reasons: x.reasons.map((r) => r.label).join(', ') })}
								</span>{' '}
								{assigned.has(x.id) || done[x.id] ? (
									<span class="badge">{t('net.suggest.assigned')}</span>
								) : (
									<button type="button" class="quiet" onClick={() => assign(x)}>
										{t('net.suggest.assign', { name: x.name })}
									</button>
								)}
							</li>
						))}
					</ul>
				)}
			</Status>
			<FormError error={error} />
		</section>
	);
}

function Moves({ c, staff, onDone }) {
	const [error, setError] = useState(null);
	const move = async (state) => {
		setError(null);
		try {
			onDone(await post(`/cases/${c.id}/state`, { state }));
		} catch (err) {
			setError(errorText(err));
		}
	};
	if (!c.moves.length) return null;
	return (
		<div class="card" role="group" aria-label={t('desk.case.moves')}>
			<p class="actions">
				{c.moves.map((m) => (
					<button key={m} type="button" class={m === 'closed' || m === 'waiting_for_requester' ? 'quiet' : ''} onClick={() => move(m)}>
						{t((staff ? 'desk.move.' : 'desk.moveMine.') + m)}
					</button>
				))}
			</p>
			<FormError error={error} />
		</div>
	);
}

function CaseView({ id, staffPage }) {
	const [fresh, setFresh] = useState(null);
	const state = useLoad(() => Promise.all([get(`/cases/${id}`), get('/desk/summary')]), [id]);
	const c = fresh || (state.data && state.data[0]);
	const staff = staffPage && !!state.data && state.data[1].staff;
	return (
		<Page title={c ? c.subject : t('desk.case.title')} context={c ? `#${c.id} · ${t('desk.category.' + c.category)} · ${t('desk.priority.' + c.priority)} · ${t('desk.state.' + c.state)}` : null}>
			<Status state={state}>
				{c && (
					<div class="two-col desk-case">
						<div class="stack">
							<dl class="facts">
								<dt>{t('desk.case.requester')}</dt>
								<dd>
									{c.requester_name || '—'}
									{c.requester_email && ' · ' + c.requester_email}
								</dd>
								{c.organisation && (
									<>
										<dt>{t('desk.case.organisation')}</dt>
										<dd>{c.organisation}</dd>
									</>
								)}
								<dt>{t('desk.case.opened')}</dt>
								<dd>
									{inZone(c.opened_at)} · {t('desk.channel.' + c.channel)}
								</dd>
								{staff && (
									<>
										<dt>{t('desk.case.owner')}</dt>
										<dd>
											{c.owner_email || t('desk.case.nobody')}
											{c.team && ' · ' + c.team}
										</dd>
									</>
								)}
								<dt>{t('desk.case.sla')}</dt>
								<dd>
									{t('desk.case.slaHours', { hours: c.sla_hours })} · {c.state === 'resolved' || c.state === 'closed' ? inZone(c.due_at) : <Sla c={c} />}
								</dd>
							</dl>
							<Text lang={c.lang}>{c.body}</Text>
							<Moves c={c} staff={staff} onDone={setFresh} />
							<Thread messages={c.messages} />
							{c.state !== 'closed' && <Reply id={c.id} staff={staff} onDone={setFresh} />}
							{!staff && c.satisfaction.asked && <Rate c={c} onDone={setFresh} />}
						</div>
						{staff && (
							<div class="stack">
								<Suggestions id={c.id} />
								<ExpertSuggestions id={c.id} />
							</div>
						)}
					</div>
				)}
			</Status>
		</Page>
	);
}

export default function CasePage({ params }) {
	const staffPage = location.value.path.startsWith('/desk/');
	return <SignedIn title={t('desk.case.title')}>{() => <CaseView id={params.id} staffPage={staffPage} />}</SignedIn>;
}
