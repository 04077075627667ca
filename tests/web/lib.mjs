// lib.mjs - helpers of the browser tests (node --test): the real liaison
// server with the demo data on 127.0.0.1, Debian's Chromium driven by
// playwright-core, screenshots kept as artefacts, and an axe-core scan.
//
// Environment (set by CTest): LIAISON_BIN, LIAISON_ARTIFACTS (screenshots
// go to $LIAISON_ARTIFACTS/screenshots), CHROMIUM (default /usr/bin/chromium).
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';

export const BIN = process.env.LIAISON_BIN || 'build/release/liaison';
export const ARTIFACTS = process.env.LIAISON_ARTIFACTS || 'build/web-artifacts';
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// The UI's own checks (axe-core, screenshots, the network quiet before
// them): off in the ASan build's run (CMakeLists.txt), which walks the same
// bundle against an instrumented server.
export const UI_CHECKS = process.env.LIAISON_WEB_UI_CHECKS !== '0';

export const DEMO = {
	admin: ['admin@demo.liaison.example', 'demo-admin-pass'],
	organiser: ['organiser@demo.liaison.example', 'demo-organiser-pass'],
	representative: ['rep@demo.liaison.example', 'demo-rep-pass'],
	participant: ['participant@demo.liaison.example', 'demo-participant-pass'],
	participant2: ['participant2@demo.liaison.example', 'demo-participant-pass'],
	jury: ['jury@demo.liaison.example', 'demo-jury-pass'],
	desk: ['desk@demo.liaison.example', 'demo-desk-pass'],
};

// Starts `liaison serve --demo` on a free port with a fresh database.
// Resolves to {url, port, stop()}; stop() is safe to call twice.
export async function startServer(extra = []) {
	const dir = mkdtempSync(join(tmpdir(), 'liaison-web-'));
	const proc = spawn(BIN, ['serve', '--demo', '--db', join(dir, 'web.db'), '--port', '0', '--threads', '4', ...extra], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const log = [];
	proc.stderr.on('data', (d) => log.push(String(d)));
	const port = await new Promise((resolve, reject) => {
		let buf = '';
		const timer = setTimeout(() => reject(new Error('server did not start: ' + log.join(''))), 30000);
		proc.stdout.on('data', (d) => {
			buf += d;
			const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(buf);
			if (m) {
				clearTimeout(timer);
				resolve(Number(m[1]));
			}
		});
		proc.on('exit', (code) => reject(new Error(`server exited ${code}: ${log.join('')}`)));
	});
	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		if (proc.exitCode === null) {
			const done = new Promise((r) => proc.on('exit', r));
			proc.kill('SIGTERM');
			const t = setTimeout(() => proc.kill('SIGKILL'), 15000);
			await done;
			clearTimeout(t);
		}
		rmSync(dir, { recursive: true, force: true });
	};
	process.on('exit', () => {
		if (!stopped && proc.exitCode === null) proc.kill('SIGKILL');
	});
	if (process.env.LIAISON_UI_DEV) return devProxy(port, stop, log);
	return { url: `http://127.0.0.1:${port}`, port, stop, log };
}

// Until the binary serves the UI itself: web/serve-dev.mjs in front of it.
async function devProxy(apiPort, stopApi, log) {
	const uiPort = 20000 + Math.floor(Math.random() * 20000);
	const proc = spawn(process.execPath, ['web/serve-dev.mjs', process.env.LIAISON_UI_DEV, String(apiPort), String(uiPort)], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	await new Promise((r) => proc.stdout.once('data', r));
	const stop = async () => {
		proc.kill('SIGTERM');
		await stopApi();
	};
	return { url: `http://127.0.0.1:${uiPort}`, port: uiPort, stop, log };
}

// Debian's Chromium, headless, with the flags this machine needs (no
// network but loopback: background services off).
export async function launchBrowser() {
	return chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-dev-shm-usage',
		],
	});
}

// A new context (its own cookies) in a language, a zone and a viewport.
export async function newPage(browser, { locale = 'en-GB', timezoneId = 'Europe/Helsinki', viewport = { width: 1280, height: 900 } } = {}) {
	const context = await browser.newContext({ locale, timezoneId, viewport, acceptDownloads: true });
	const page = await context.newPage();
	const errors = [];
	page.on('pageerror', (e) => errors.push(String(e)));
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	page.errors = errors;
	return page;
}

// Before the UI's checks of a whole page: no request for 500 ms.
export async function quiet(page) {
	if (UI_CHECKS) await page.waitForLoadState('networkidle');
}

// Signs in through the sign-in page.
export async function signIn(page, base, who, t = { email: /e-mail|电子邮箱/i, password: /^password|^密码/i, submit: /^sign in$|^登录$/i }) {
	const [email, password] = DEMO[who] || who;
	await page.goto(base + '/sign-in');
	await page.getByLabel(t.email).fill(email);
	await page.getByLabel(t.password).fill(password);
	await page.getByRole('main').getByRole('button', { name: t.submit }).click();
	await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

// Keeps a screenshot as an artefact: screenshots/<name>.png.
export async function shot(page, name) {
	if (!UI_CHECKS) return;
	const dir = join(ARTIFACTS, 'screenshots');
	mkdirSync(dir, { recursive: true });
	await page.screenshot({ path: join(dir, name + '.png'), fullPage: true });
}

// The serious and critical axe-core violations of the page, as text lines.
export async function axeViolations(page) {
	if (!UI_CHECKS) return [];
	const res = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	return res.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

// Signs in with Node's fetch: {me, cookie, call(method, path, body)} with the
// session cookie and the CSRF token; a body that is not JSON comes as text.
export async function apiSession(base, who) {
	const [email, password] = DEMO[who];
	const res = await fetch(base + '/api/v1/auth/sign-in', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ email, password }),
	});
	assert.equal(res.status, 200, 'API sign-in of ' + who);
	const me = await res.json();
	const cookie = res.headers.get('set-cookie').split(';')[0];
	const call = async (method, path, body) => {
		const r = await fetch(base + '/api/v1' + path, {
			method,
			headers: { Cookie: cookie, 'X-CSRF-Token': me.csrf_token, ...(body ? { 'Content-Type': 'application/json' } : {}) },
			body: body ? JSON.stringify(body) : undefined,
		});
		const text = await r.text();
		let parsed = null;
		try {
			parsed = text ? JSON.parse(text) : null;
		} catch (e) {
			parsed = text;
		}
		return { status: r.status, body: parsed };
	};
	return { me, cookie, call };
}

// A top-bar section: on a phone the sections fold into the menu button.
export async function openSection(page, name) {
	const menu = page.getByRole('button', { name: /^(menu|菜单)$/i });
	if (await menu.isVisible()) await menu.click();
	await page.getByRole('navigation', { name: /sections|栏目|导航/i }).getByRole('link', { name }).click();
}

export async function noSidewaysScroll(page, label) {
	const [sw, cw] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
	assert.ok(sw <= cw, `${label}: scrolls sideways (${sw} > ${cw})`);
}
