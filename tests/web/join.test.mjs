// join.test.mjs - the online attendee's /join page of issue #13 against the
// real server with the demo data: signed out it asks to sign in; 杨帆,
// registered online for the city-pairing event, joins the room in English:
// the join is recorded (GET /events/{id}/attendance counts one more online)
// and the browser opens the event's room link in a new tab (the request to
// it is seen, then aborted: the demo's link is not a real site); in Chinese
// on a phone, joining again says the first check-in stays; someone not
// registered is told to register first. axe finds no serious or critical
// violation; screenshots are kept.
//
//   node --test tests/web/join.test.mjs
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, signIn, shot, axeViolations, apiSession, noSidewaysScroll } from './lib.mjs';

describe('joining an event online', () => {
	let server, browser, event, admin;

	before(async () => {
		server = await startServer();
		browser = await launchBrowser();
		event = await (await fetch(`${server.url}/api/v1/events/eu-cn-city-pairing-online-2026-06`)).json();
		admin = await apiSession(server.url, 'admin');
	});

	after(async () => {
		if (browser) await browser.close();
		if (server) await server.stop();
	});

	const attendance = async () => (await admin.call('GET', `/events/${event.id}/attendance`)).body;

	test('signed out, the page asks to sign in first', async () => {
		const page = await newPage(browser, { locale: 'en-GB' });
		await page.goto(`${server.url}/join/${event.ref}`);
		await page.getByRole('heading', { level: 1, name: 'Ready to join online?' }).waitFor();
		await page.getByRole('link', { name: 'Sign in' }).first().waitFor();
		assert.equal(await page.getByRole('button', { name: 'Join the room' }).count(), 0);
		await page.context().close();
	});

	test('an online attendee joins the room: attendance recorded, the room opens', async () => {
		const page = await newPage(browser, { locale: 'en-GB' });
		const context = page.context();
		assert.ok(event.stream_url, 'the demo event has a room link');
		await context.route(event.stream_url + '**', (route) => route.abort());
		await signIn(page, server.url, 'participant');
		const before = await attendance();
		await page.goto(`${server.url}/events/${event.ref}`);
		await page.getByRole('link', { name: 'Join online' }).click();
		await page.getByRole('heading', { level: 1, name: 'Ready to join online?' }).waitFor();
		assert.match(await page.locator('.context').innerText(), new RegExp(event.name.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
		const [tab, opened] = await Promise.all([
			context.waitForEvent('page'),
			context.waitForEvent('request', (r) => r.url().startsWith(event.stream_url)),
			page.getByRole('button', { name: 'Join the room' }).click(),
		]);
		assert.ok(tab !== page && opened.isNavigationRequest(), 'the room opens in a new tab, this page stays');
		const status = page.getByRole('status').filter({ hasText: 'your online attendance is recorded' });
		await status.waitFor();
		assert.equal(await status.getByRole('link', { name: 'Open the room' }).getAttribute('href'), event.stream_url);
		const after = await attendance();
		assert.equal(after.online, before.online + 1, 'one more online attendee');
		assert.equal(after.checked_in, before.checked_in + 1);
		assert.deepEqual(await axeViolations(page), []);
		await shot(page, 'join-en');
		assert.deepEqual(page.errors.filter((e) => !/ERR_FAILED|net::/.test(e)), []);
		await context.close();
	});

	test('in Chinese on a phone, joining again keeps the first check-in', async () => {
		const page = await newPage(browser, { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 375, height: 812 } });
		await page.context().route(event.stream_url + '**', (route) => route.abort());
		await signIn(page, server.url, 'participant');
		const before = await attendance();
		await page.goto(`${server.url}/join/${event.ref}`);
		await page.getByRole('heading', { level: 1, name: '准备好在线参会了吗？' }).waitFor();
		await page.getByRole('button', { name: '进入会场' }).click();
		await page.getByRole('status').filter({ hasText: '您已经加入过' }).waitFor();
		assert.deepEqual(await attendance(), before, 'nothing counted twice');
		await noSidewaysScroll(page, 'join zh 375');
		assert.deepEqual(await axeViolations(page), []);
		await shot(page, 'join-zh-375');
		await page.context().close();
	});

	test('someone not registered is told to register first', async () => {
		const page = await newPage(browser, { locale: 'en-GB' });
		await signIn(page, server.url, 'participant2');
		await page.goto(`${server.url}/join/${event.ref}`);
		await page.getByRole('button', { name: 'Join the room' }).click();
		await page.getByText('You are not registered for this event').waitFor();
		assert.equal((await attendance()).online, 1);
		await page.context().close();
	});
});
