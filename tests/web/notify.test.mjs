// notify.test.mjs - the notifications and the event day in the browser UI,
// against the real server with the demo data:
//
// a participant opts out of announcements on the account page (saved, and
// still off after a reload); the organiser opens the event's check-in desk,
// reads the live attendance count, checks a participant in with the code
// of their badge (the badges' PDF rendered by pdftoppm and its QR code
// decoded by zbarimg), sees the name and the count go up, is refused the
// same code a second time and a forged one; the dashboard shows the count;
// an announcement is queued. Desktop and 375 px, English and Chinese, axe
// (no serious or critical violation), screenshots.
//
//   node --test tests/web/notify.test.mjs
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launchBrowser, newPage, signIn, shot, axeViolations, apiSession, noSidewaysScroll } from './lib.mjs';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };

// The check-in code of badge page n of the event's PDF, decoded from its QR code.
async function badgeToken(base, session, eventId, n, dir) {
	const res = await fetch(`${base}/api/v1/events/${eventId}/badges.pdf`, { headers: { Cookie: session.cookie } });
	assert.equal(res.status, 200, 'badges.pdf');
	assert.equal(res.headers.get('content-type'), 'application/pdf');
	const pdf = join(dir, 'badges.pdf');
	writeFileSync(pdf, Buffer.from(await res.arrayBuffer()));
	const stem = join(dir, `page${n}`);
	execFileSync('pdftoppm', ['-r', '200', '-f', String(n), '-l', String(n), '-singlefile', '-png', pdf, stem]);
	return execFileSync('zbarimg', ['--raw', '-q', stem + '.png']).toString().trim();
}

async function walk(viewport, tag) {
	let server;
	let browser;
	let dir;
	before(async () => {
		server = await startServer();
		browser = await launchBrowser();
		dir = mkdtempSync(join(tmpdir(), 'liaison-notify-web-'));
	});
	after(async () => {
		if (browser) await browser.close();
		if (server) await server.stop();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	test(`${tag}: opt out of announcements on the account page`, async () => {
		const base = server.url;
		const page = await newPage(browser, { viewport });
		await signIn(page, base, 'participant');
		await page.goto(base + '/account');
		await page.getByRole('heading', { level: 2, name: 'E-mail notifications' }).waitFor();
		const box = page.getByRole('checkbox', { name: 'Announcements from organisers' });
		assert.ok(await box.isChecked(), 'announcements are on at first');
		await box.uncheck();
		await page.getByRole('button', { name: 'Save notification settings' }).click();
		await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
		await page.reload();
		await page.getByRole('checkbox', { name: 'Announcements from organisers' }).waitFor();
		assert.equal(await page.getByRole('checkbox', { name: 'Announcements from organisers' }).isChecked(), false, 'still off after a reload');
		assert.ok(await page.getByRole('checkbox', { name: 'Reminders before my meetings' }).isChecked());
		const s = await apiSession(base, 'participant');
		assert.deepEqual((await s.call('GET', '/me/notifications')).body.off, ['announcement']);
		assert.deepEqual(await axeViolations(page), [], 'axe on the account page');
		await noSidewaysScroll(page, 'account');
		await shot(page, `notify-account-${tag}`);
		// in Chinese
		await page.getByLabel('Language').selectOption('zh');
		await page.getByRole('heading', { level: 2, name: '邮件通知' }).waitFor();
		await page.getByRole('checkbox', { name: '主办方公告' }).waitFor();
		assert.deepEqual(await axeViolations(page), [], 'axe on the account page (zh)');
		await shot(page, `notify-account-${tag}-zh`);
		assert.deepEqual(page.errors.filter((e) => !/Failed to load resource/.test(e)), [], 'no script errors (refusals the walk asks for aside)');
	});

	test(`${tag}: the check-in desk, the count, the dashboard, an announcement`, async () => {
		const base = server.url;
		const org = await apiSession(base, 'organiser');
		const ev = (await org.call('GET', '/events/eu-cn-fair-2026')).body;
		const token = await badgeToken(base, org, ev.id, 1, dir);
		assert.match(token, new RegExp(`^LC1-${ev.id}-\\d+-[A-Za-z0-9_-]{22}$`));
		const regId = Number(token.split('-')[2]);
		const reg = (await org.call('GET', `/registrations/${regId}`)).body;
		const person = (await org.call('GET', `/people/${reg.person_id}`)).body;
		const before = (await org.call('GET', `/events/${ev.id}/attendance`)).body;

		const page = await newPage(browser, { viewport });
		await signIn(page, base, 'organiser');
		await page.goto(`${base}/organise/events/${ev.id}/check-in`);
		await page.getByRole('heading', { level: 1, name: 'Check-in desk' }).waitFor();
		const count = page.getByRole('status').filter({ hasText: /checked in:/ });
		await count.filter({ hasText: `${before.checked_in} of ${before.registered} checked in` }).waitFor();
		const field = page.getByLabel('Badge code');
		await field.fill(token);
		await page.getByRole('button', { name: 'Check in', exact: true }).click();
		await page.getByRole('status').filter({ hasText: `Checked in: ${person.name}` }).waitFor();
		await count.filter({ hasText: `${before.checked_in + 1} of ${before.registered} checked in` }).waitFor();
		assert.equal(await field.inputValue(), '', 'the field is emptied for the next badge');
		// the same badge again, then a forged code
		await field.fill(token);
		await page.getByRole('button', { name: 'Check in', exact: true }).click();
		await page.getByRole('alert').filter({ hasText: /already used/ }).waitFor();
		await field.fill(token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA'));
		await page.getByRole('button', { name: 'Check in', exact: true }).click();
		await page.getByRole('alert').filter({ hasText: /forged|signature/ }).waitFor();
		assert.equal((await org.call('GET', `/events/${ev.id}/attendance`)).body.checked_in, before.checked_in + 1);
		// the badges' download link
		const link = page.getByRole('link', { name: /Download every participant's badge/ });
		assert.equal(await link.getAttribute('href'), `/api/v1/events/${ev.id}/badges.pdf`);
		assert.deepEqual(await axeViolations(page), [], 'axe on the check-in desk');
		await noSidewaysScroll(page, 'check-in');
		await shot(page, `notify-checkin-${tag}`);

		// an announcement
		await page.getByLabel('Subject').fill('Opening moved to Hall B / 开幕式改到 B 馆');
		await page.getByLabel('Message').fill('The opening forum starts at 9:30.\n开幕论坛 9:30 开始。');
		await page.getByRole('button', { name: 'Send the announcement' }).click();
		await page.getByRole('status').filter({ hasText: /Queued for \d+ participants\./ }).waitFor();
		const admin = await apiSession(base, 'admin');
		const box = (await admin.call('GET', `/outbox?kind=announcement&limit=200`)).body.items;
		assert.ok(box.length > 10, 'announcements queued: ' + box.length);

		// the dashboard shows the count
		await page.goto(`${base}/organise/events/${ev.id}/dashboard`);
		await page.getByRole('heading', { level: 2, name: 'Attendance' }).waitFor();
		await page.getByRole('status').filter({ hasText: `${before.checked_in + 1} of ${before.registered} checked in` }).waitFor();

		// the desk in Chinese
		await page.goto(`${base}/organise/events/${ev.id}/check-in`);
		await page.getByLabel('Language').selectOption('zh');
		await page.getByRole('heading', { level: 1, name: '签到台' }).waitFor();
		await page.getByLabel('胸牌代码').waitFor();
		assert.deepEqual(await axeViolations(page), [], 'axe on the check-in desk (zh)');
		await noSidewaysScroll(page, 'check-in zh');
		await shot(page, `notify-checkin-${tag}-zh`);
		assert.deepEqual(page.errors.filter((e) => !/Failed to load resource/.test(e)), [], 'no script errors (refusals the walk asks for aside)');
	});
}

describe('desktop', () => walk(DESKTOP, 'desktop'));
describe('phone', () => walk(PHONE, 'phone'));
