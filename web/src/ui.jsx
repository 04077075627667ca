// ui.jsx - the pieces every page is made of (UI.md, "Page anatomy").
//
// Page sets the document title and the one h1; Field is a labelled input
// that shows the problem+json error of its field; useLoad fetches a page's
// data and gives loading / error / data states; Pager pages with the API's
// cursor. Components find nothing by CSS class: tests use roles and names.
import { useEffect, useState, useRef, useCallback } from 'preact/hooks';
import { t } from './i18n.js';
import { whenText } from './when.js';
import { ApiError } from './api.js';

// nav (a page's own sections) comes before the context line, so that a
// context that arrives with the page's data pushes nothing already shown.
export function Page({ title, context, nav, children, actions }) {
	useEffect(() => {
		document.title = `${title} · liaison`;
	}, [title]);
	return (
		<section class="page">
			<div class="page-head">
				<h1>{title}</h1>
				{actions && <div class="page-actions">{actions}</div>}
			</div>
			{nav}
			{context && <p class="context">{context}</p>}
			{children}
		</section>
	);
}

// The message to show for an error: the server's own detail, or a generic one.
export function errorText(err) {
	if (!err) return '';
	if (err instanceof ApiError) {
		if (err.status === 0) return t('error.network');
		if (err.status === 401) return t('error.signin');
		if (err.status === 403) return err.problem.detail || t('error.forbidden');
		if (err.status === 404) return t('error.notfound');
		if (err.status === 429) return err.problem.detail || t('error.throttled');
		if (err.status >= 500) return t('error.server');
		return err.problem.detail || err.message;
	}
	return String(err.message || err);
}

// useLoad(() => get('/x'), [deps]) -> {data, error, loading, reload}
export function useLoad(fn, deps) {
	const [state, setState] = useState({ loading: true, data: null, error: null });
	const seq = useRef(0);
	const run = useCallback(() => {
		const n = ++seq.current;
		setState((s) => ({ ...s, loading: true, error: null }));
		Promise.resolve()
			.then(fn)
			.then(
				(data) => n === seq.current && setState({ loading: false, data, error: null }),
				(error) => n === seq.current && setState({ loading: false, data: null, error }),
			);
	}, deps);
	useEffect(run, [run]);
	return { ...state, reload: run };
}

// Loading (after 300 ms only), error, empty or the content.
export function Status({ state, empty, children }) {
	const [slow, setSlow] = useState(false);
	useEffect(() => {
		if (!state.loading) return undefined;
		const id = setTimeout(() => setSlow(true), 300);
		return () => clearTimeout(id);
	}, [state.loading]);
	if (state.error)
		return (
			<div class="notice danger" role="alert">
				<p>{errorText(state.error)}</p>
				<button type="button" class="quiet" onClick={state.reload}>
					{t('action.retry')}
				</button>
			</div>
		);
	if (state.loading && !state.data) return slow ? <p class="loading" role="status">{t('state.loading')}</p> : null;
	if (empty) return <p class="empty">{empty}</p>;
	return children;
}

let fieldSeq = 0;
// A labelled control; `error` is the message for this field (or null).
export function Field({ label, error, hint, children, id: given }) {
	const [id] = useState(() => given || `f${++fieldSeq}`);
	const errId = `${id}-err`;
	const hintId = `${id}-hint`;
	const described = [error ? errId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
	const child = typeof children === 'function' ? children({ id, 'aria-describedby': described, 'aria-invalid': error ? 'true' : undefined }) : children;
	return (
		<div class={error ? 'field has-error' : 'field'}>
			<label for={id}>{label}</label>
			{child}
			{hint && (
				<small id={hintId} class="hint">
					{hint}
				</small>
			)}
			{error && (
				<p id={errId} class="field-error" role="alert">
					{error}
				</p>
			)}
		</div>
	);
}

// Form state with server-side errors mapped to fields. submit(fn) runs fn
// (which calls the API); a problem naming a field lands next to it (its
// path's first segment), any other error above the form. Values are kept.
export function useForm(initial) {
	const [values, setValues] = useState(initial);
	const [errors, setErrors] = useState({});
	const [formError, setFormError] = useState(null);
	const [busy, setBusy] = useState(false);
	const set = (name) => (ev) => {
		const v = ev && ev.target ? (ev.target.type === 'checkbox' ? ev.target.checked : ev.target.value) : ev;
		setValues((s) => ({ ...s, [name]: v }));
	};
	const submit = async (fn) => {
		setBusy(true);
		setErrors({});
		setFormError(null);
		try {
			return await fn(values);
		} catch (err) {
			const field = err instanceof ApiError && err.field ? String(err.field).split(/[.[]/)[0] : null;
			if (field && Object.prototype.hasOwnProperty.call(initial, field)) setErrors({ [field]: errorText(err) });
			else setFormError(errorText(err));
			return undefined;
		} finally {
			setBusy(false);
		}
	};
	return { values, setValues, set, errors, setErrors, formError, setFormError, busy, submit };
}

export function FormError({ error }) {
	return error ? (
		<div class="notice danger" role="alert">
			{error}
		</div>
	) : null;
}

// "Next page" with the API's cursor: onNext(cursor).
export function Pager({ next, onNext, onFirst, atStart }) {
	if (!next && atStart) return null;
	return (
		<nav class="pager" aria-label={t('paging.label')}>
			{!atStart && (
				<button type="button" class="quiet" onClick={onFirst}>
					{t('paging.first')}
				</button>
			)}
			{next && (
				<button type="button" onClick={() => onNext(next)}>
					{t('paging.next')}
				</button>
			)}
		</nav>
	);
}

// A time in the viewer's zone, with the zone named; the venue's too when it differs.
export function When({ iso, venueZone, viewer }) {
	return <span class="when">{whenText(iso, venueZone, viewer)}</span>;
}

export { whenText };

// A text block in its own language (lang attribute), when known.
export function Text({ lang, children, as: Tag = 'p' }) {
	return <Tag lang={lang || undefined}>{children}</Tag>;
}

// Asks once before a destructive action, saying what it removes.
export function confirmAction(message) {
	return window.confirm(message);
}
