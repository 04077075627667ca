// app.jsx - the frame of every page: one top bar (product name, the
// sections of the viewer's role, the language switch, the account menu),
// the page of the current path, a footer. On a phone the sections fold
// into a menu button.
import { useEffect, useState } from 'preact/hooks';
import { lang, setLang, t, LANGUAGES } from './i18n.js';
import { location, match, navigate } from './router.js';
import { account, signOut } from './session.js';
import { routes as commonRoutes, nav as commonNav } from './pages/common/routes.js';
import { routes as participantRoutes, nav as participantNav } from './pages/participant/routes.js';
import { routes as organiserRoutes, nav as organiserNav } from './pages/organiser/routes.js';
import { routes as deskRoutes, nav as deskNav } from './pages/desk/routes.js';
import { routes as challengeRoutes, nav as challengeNav } from './pages/challenges/routes.js';

const routes = [...commonRoutes, ...participantRoutes, ...organiserRoutes, ...deskRoutes, ...challengeRoutes];

function Nav({ open, onPick }) {
	const items = [...commonNav(account.value), ...participantNav(account.value), ...organiserNav(account.value), ...deskNav(account.value), ...challengeNav(account.value)];
	const path = location.value.path;
	return (
		<nav aria-label={t('nav.main')} class={open ? 'sections open' : 'sections'} id="sections">
			<ul>
				{items.map((it) => (
					<li key={it.href}>
						<a href={it.href} aria-current={path === it.href ? 'page' : undefined} onClick={onPick}>
							{it.label}
						</a>
					</li>
				))}
			</ul>
		</nav>
	);
}

function LanguageSwitch() {
	return (
		<div class="lang-switch">
			<label for="lang-select" class="visually-hidden">
				{t('nav.language')}
			</label>
			<select id="lang-select" value={lang.value} onChange={(e) => setLang(e.target.value)}>
				{LANGUAGES.map((l) => (
					<option value={l.code} lang={l.code} key={l.code}>
						{l.name}
					</option>
				))}
			</select>
		</div>
	);
}

function AccountMenu() {
	const me = account.value;
	if (me === undefined) return null;
	if (!me)
		return (
			<a class="button" href="/sign-in">
				{t('nav.signIn')}
			</a>
		);
	return (
		<div class="account">
			<a href="/account" class="account-name">
				{me.name || me.email}
			</a>
			<button
				type="button"
				class="quiet"
				onClick={async () => {
					await signOut();
					navigate('/');
				}}
			>
				{t('nav.signOut')}
			</button>
		</div>
	);
}

function Outlet() {
	const found = match(routes, location.value.path);
	const [mod, setMod] = useState(null);
	const key = found ? found.route.path : null;
	useEffect(() => {
		let live = true;
		setMod(null);
		if (found)
			found.route.load().then((m) => {
				if (live) setMod(() => m.default);
			});
		return () => {
			live = false;
		};
	}, [key]);
	if (!found) {
		const NotFound = commonRoutes.notFound;
		return <NotFound />;
	}
	if (!mod) return null;
	const Component = mod;
	return <Component params={found.params} search={location.value.search} />;
}

export function App() {
	const [open, setOpen] = useState(false);
	useEffect(() => {
		document.documentElement.lang = lang.value === 'zh' ? 'zh-CN' : lang.value;
	}, [lang.value]);
	return (
		<>
			<a class="skip" href="#main">
				{t('nav.skip')}
			</a>
			<header class="topbar">
				<a href="/" class="brand">
					liaison
				</a>
				<button
					type="button"
					class="menu-button quiet"
					aria-expanded={open ? 'true' : 'false'}
					aria-controls="sections"
					onClick={() => setOpen(!open)}
				>
					{t('nav.menu')}
				</button>
				<Nav open={open} onPick={() => setOpen(false)} />
				<div class="topbar-end">
					<LanguageSwitch />
					<AccountMenu />
				</div>
			</header>
			<main id="main" tabIndex={-1}>
				<Outlet key={location.value.path} />
			</main>
			<footer class="footer">
				<p>{t('footer.text')}</p>
			</footer>
		</>
	);
}
