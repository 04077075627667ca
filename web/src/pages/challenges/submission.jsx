// submission.jsx - "What do we submit?": a representative's submission to
// a challenge (/challenges/:id/submit) and, once made, the same form to
// edit it until the deadline (/submissions/:id), its attachments (a file
// is uploaded with the save), withdrawal, and the reviewers' words once
// the challenge is decided. A refusal after the deadline names it in the
// viewer's own time zone (the server's message), next to the form.
import { useState } from 'preact/hooks';
import { get, patch, post } from '../../api.js';
import { formatNumber, t } from '../../i18n.js';
import { navigate } from '../../router.js';
import { Field, FormError, Page, Status, confirmAction, errorText, useForm, useLoad } from '../../ui.jsx';
import { SignedIn } from '../participant/signed-in.jsx';
import { StateBadge, Tr, closesText, fileBase64, organisations, pick, represented } from './lib.jsx';
import { eligibleOf } from './list.jsx';

// "Name, role" lines <-> [{name, role}].
const teamText = (team) => (team || []).map((m) => (m.role ? `${m.name}, ${m.role}` : m.name)).join('\n');
function teamOf(text) {
	return text
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean)
		.map((l) => {
			const i = l.indexOf(',');
			return i < 0 ? { name: l } : { name: l.slice(0, i).trim(), role: l.slice(i + 1).trim() };
		});
}
const linksOf = (text) =>
	text
		.split(/\s+/)
		.map((l) => l.trim())
		.filter(Boolean);

function Attachments({ sub }) {
	if (!sub || !sub.attachments || !sub.attachments.length) return null;
	return (
		<section aria-labelledby="att-h">
			<h2 id="att-h">{t('ch.sub.attachments')}</h2>
			<ul class="plain">
				{sub.attachments.map((a) => (
					<li key={a.id}>
						<a href={`/api/v1/submissions/${sub.id}/attachments/${a.id}`} download={a.name}>
							{a.name}
						</a>{' '}
						<span class="meta">· {t('ch.sub.size', { kb: formatNumber(Math.max(1, Math.round(a.size / 1024))) })}</span>
					</li>
				))}
			</ul>
		</section>
	);
}

function Feedback({ sub }) {
	if (!sub || !sub.feedback) return null;
	return (
		<section class="card" aria-labelledby="fb-h">
			<h2 id="fb-h">{t('ch.sub.feedback')}</h2>
			{sub.feedback.length ? (
				<ul class="plain">
					{sub.feedback.map((f, i) => (
						<li key={i}>
							<p>{f}</p>
						</li>
					))}
				</ul>
			) : (
				<p class="empty">{t('ch.sub.noFeedback')}</p>
			)}
		</section>
	);
}

// The refusal of a new submission's file, shown by the page it goes on to.
let pending = null;

function SubmissionForm({ ch, sub, orgs, onSaved }) {
	const mine = eligibleOf(ch, Object.fromEntries(represented().map((id) => [id, orgs[id]])));
	const f = useForm({
		organisation_id: sub ? String(sub.organisation_id) : mine.length ? String(mine[0].id) : '',
		track_id: sub ? String(sub.track_id) : String(ch.tracks[0].id),
		title: sub ? sub.title : '',
		abstract: sub ? sub.abstract : '',
		team: sub ? teamText(sub.team) : '',
		links: sub ? (sub.links || []).join('\n') : '',
		attachment: '',
	});
	const [late] = useState(() => {
		const p = pending;
		pending = null;
		return p;
	});
	const [file, setFile] = useState(null);
	const [fileKey, setFileKey] = useState(0);
	const withdrawn = sub && sub.state === 'withdrawn';
	const save = (ev) => {
		ev.preventDefault();
		f.submit(async (v) => {
			const body = { track_id: Number(v.track_id), title: v.title, abstract: v.abstract, team: teamOf(v.team), links: linksOf(v.links) };
			let saved = sub ? await patch(`/submissions/${sub.id}`, body) : await post(`/challenges/${ch.id}/submissions`, { ...body, organisation_id: Number(v.organisation_id) });
			if (file) {
				try {
					await post(`/submissions/${saved.id}/attachments`, { name: file.name, content_base64: await fileBase64(file) });
					saved = await get(`/submissions/${saved.id}`);
					setFile(null);
					setFileKey((k) => k + 1);
				} catch (err) {
					// saved without its file: say so next to the file field
					if (!sub) {
						pending = errorText(err);
						navigate(`/submissions/${saved.id}`);
					} else f.setErrors({ attachment: errorText(err) });
					return;
				}
			}
			onSaved(saved);
		});
	};
	return (
		<form class="card form-wide" onSubmit={save} noValidate aria-labelledby="sub-form-h">
			<h2 id="sub-form-h">{sub ? t('ch.sub.edit') : t('ch.sub.new')}</h2>
			<p class="meta">{t('ch.closes', { when: closesText(ch) })}</p>
			<FormError error={f.formError} />
			{!sub && (
				<Field label={t('ch.sub.organisation')} error={f.errors.organisation_id}>
					{(a) => (
						<select {...a} value={f.values.organisation_id} onChange={f.set('organisation_id')}>
							{mine.map((o) => (
								<option key={o.id} value={String(o.id)}>
									{o.name}
								</option>
							))}
						</select>
					)}
				</Field>
			)}
			<Field label={t('ch.sub.track')} error={f.errors.track_id}>
				{(a) => (
					<select {...a} value={f.values.track_id} onChange={f.set('track_id')} disabled={withdrawn}>
						{ch.tracks.map((tr) => (
							<option key={tr.id} value={String(tr.id)}>
								{pick(tr.title).text}
							</option>
						))}
					</select>
				)}
			</Field>
			<Field label={t('ch.sub.titleField')} error={f.errors.title}>
				{(a) => <input {...a} value={f.values.title} onInput={f.set('title')} maxLength={300} disabled={withdrawn} />}
			</Field>
			<Field label={t('ch.sub.abstract')} error={f.errors.abstract}>
				{(a) => <textarea {...a} rows={6} value={f.values.abstract} onInput={f.set('abstract')} maxLength={10000} disabled={withdrawn} />}
			</Field>
			<Field label={t('ch.sub.team')} hint={t('ch.sub.teamHint')} error={f.errors.team}>
				{(a) => <textarea {...a} rows={3} value={f.values.team} onInput={f.set('team')} disabled={withdrawn} />}
			</Field>
			<Field label={t('ch.sub.links')} hint={t('ch.sub.linksHint')} error={f.errors.links}>
				{(a) => <textarea {...a} rows={2} value={f.values.links} onInput={f.set('links')} disabled={withdrawn} />}
			</Field>
			<Field label={t('ch.sub.attachment')} hint={t('ch.sub.attachmentHint')} error={f.errors.attachment || late}>
				{(a) => <input {...a} key={fileKey} type="file" accept=".pdf,.png,.jpg,.jpeg,.odt,.odp,.ods,.docx,.pptx,.xlsx" onChange={(e) => setFile(e.target.files[0] || null)} disabled={withdrawn} />}
			</Field>
			{!withdrawn && (
				<div class="form-actions">
					<button type="submit" disabled={f.busy}>
						{sub ? t('ch.sub.save') : t('ch.sub.send')}
					</button>
				</div>
			)}
		</form>
	);
}

function Withdraw({ sub, onDone }) {
	const [error, setError] = useState(null);
	if (sub.state === 'withdrawn') return null;
	const go = async () => {
		if (!confirmAction(t('ch.sub.withdrawConfirm'))) return;
		setError(null);
		try {
			onDone(await post(`/submissions/${sub.id}/withdraw`));
		} catch (err) {
			setError(errorText(err));
		}
	};
	return (
		<div>
			<button type="button" class="quiet" onClick={go}>
				{t('ch.sub.withdraw')}
			</button>
			<FormError error={error} />
		</div>
	);
}

function SubmissionView({ params, editing }) {
	const [fresh, setFresh] = useState(null);
	const [saved, setSaved] = useState(null);
	const state = useLoad(async () => {
		const sub = editing ? await get(`/submissions/${params.id}`) : null;
		const ch = await get(`/challenges/${sub ? sub.challenge_id : params.id}`);
		const orgs = await organisations(sub ? [sub.organisation_id, ...represented()] : represented());
		return { sub, ch, orgs };
	}, [params.id, editing]);
	const sub = fresh || (state.data && state.data.sub);
	const ch = state.data && state.data.ch;
	const onSaved = (s) => {
		if (!editing) return navigate(`/submissions/${s.id}?saved=1`);
		setFresh(s);
		setSaved(t('ch.sub.saved'));
	};
	const title = sub ? sub.title : t('ch.sub.new');
	return (
		<Page
			title={title}
			context={
				ch && (
					<>
						<Tr texts={ch.title} />
						{sub && <> · {orgName(state.data.orgs, sub.organisation_id)} · <StateBadge state={ch.state} /> {t('ch.sub.state.' + sub.state)}</>}
					</>
				)
			}
		>
			<Status state={state}>
				{ch && (
					<div class="stack">
						{(saved || new URLSearchParams(window.location.search).get('saved')) && (
							<p class="notice ok" role="status">
								{saved || t('ch.sub.saved')}
							</p>
						)}
						<Feedback sub={sub} />
						<Attachments sub={sub} />
						<SubmissionForm key={sub ? sub.id : 'new'} ch={ch} sub={sub} orgs={state.data.orgs} onSaved={onSaved} />
						{sub && <Withdraw sub={sub} onDone={setFresh} />}
						<p>
							<a href={`/challenges/${ch.id}`}>{t('ch.backToCall')}</a>
						</p>
					</div>
				)}
			</Status>
		</Page>
	);
}

const orgName = (orgs, id) => (orgs && orgs[id] ? orgs[id].name : '#' + id);

export default function SubmissionPage({ params }) {
	const editing = window.location.pathname.startsWith('/submissions/');
	return <SignedIn title={t('ch.sub.new')}>{() => <SubmissionView params={params} editing={editing} />}</SignedIn>;
}
