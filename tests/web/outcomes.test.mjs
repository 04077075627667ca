// outcomes.test.mjs - the walk of issue #12 in the browser UI against the
// real server with the demo data: the participant (杨帆) opens the agenda,
// finds the ended online meeting with FietsFlow, records "cooperation
// possible" with a Chinese comment, sees the answer and that the other side
// has not answered; the same in Chinese on a phone; the representative of
// MobiSync (Anna) records the outcome of her meeting with Chengdu, then a
// letter of intent from it, and marks it signed (its history names her);
// the organiser's
// dashboard shows the fair's conversion funnel, outcomes and agreements as
// tables matching GET /events/{id}/statistics, and the report links. axe
// finds no serious or critical violation; screenshots are kept.
//
//   node --test tests/web/outcomes.test.mjs
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, signIn, shot, axeViolations, apiSession } from './lib.mjs';

describe('outcomes and the funnel in the browser', () => {
	let server, browser, event;

	before(async () => {
		server = await startServer();
		browser = await launchBrowser();
		const r = await fetch(`${server.url}/api/v1/events/eu-cn-fair-2026`);
		event = await r.json();
	});

	after(async () => {
		if (browser) await browser.close();
		if (server) await server.stop();
	});

	test('a participant records the outcome of an ended meeting', async () => {
		const page = await newPage(browser, { locale: 'en-GB' });
		await signIn(page, server.url, 'participant');
		await page.goto(server.url + '/agenda');
		await page.getByRole('heading', { level: 1, name: 'What is my day?' }).waitFor();
		const item = page.locator('li.agenda-item').filter({ hasText: 'FietsFlow' });
		await item.first().waitFor();
		const form = item.getByRole('region', { name: 'Outcome of the meeting' });
		await form.getByLabel('What came of this meeting?').selectOption('cooperation_possible');
		await form.getByLabel('Comment for the organisers (optional)').fill('自行车共享试点值得继续讨论');
		await form.getByRole('button', { name: 'Record outcome' }).click();
		await form.getByText('Your answer: Cooperation possible').waitFor();
		await form.getByText('The other side has not answered yet.').waitFor();
		assert.equal(await form.getByRole('button', { name: 'Record outcome' }).count(), 0, 'answered once');
		assert.deepEqual(await axeViolations(page), []);
		await shot(page, 'outcome-agenda-en');
		// the answer is stored: the API says so, with the comment for the organisers
		const org = await apiSession(server.url, 'organiser');
		const res = await org.call('GET', `/events/${event.id}/statistics`);
		assert.equal(res.status, 200);
		assert.equal(res.body.outcomes.by_outcome.cooperation_possible, 37, 'one more than the 36 of the demo data');
		assert.deepEqual(page.errors, []);
		await page.context().close();
	});

	test('the same page in Chinese on a phone', async () => {
		const page = await newPage(browser, { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 375, height: 812 } });
		await signIn(page, server.url, 'participant');
		await page.goto(server.url + '/agenda');
		const item = page.locator('li.agenda-item').filter({ hasText: 'FietsFlow' });
		await item.first().getByText('您的回答：有合作可能').waitFor();
		const width = await page.evaluate(() => document.documentElement.scrollWidth);
		assert.ok(width <= 375, 'no sideways scroll: ' + width);
		await shot(page, 'outcome-agenda-zh-375');
		await page.context().close();
	});

	test('a representative records and signs a letter of intent from a meeting', async () => {
		const page = await newPage(browser, { locale: 'en-GB' });
		await signIn(page, server.url, 'representative');
		await page.goto(server.url + '/agenda');
		// the 2026 fair's meeting (the series' past editions met the same people)
		const item = page.locator('li.agenda-item').filter({ hasText: '杨帆' }).filter({ hasText: 'Fair 2026' });
		const block = item.getByRole('region', { name: 'Outcome of the meeting' });
		await block.getByLabel('What came of this meeting?').selectOption('cooperation_possible');
		await block.getByRole('button', { name: 'Record outcome' }).click();
		await block.getByRole('link', { name: 'Record an agreement made at this meeting' }).click();
		await page.getByRole('heading', { level: 1, name: 'Where do our agreements stand?' }).waitFor();
		await page.getByLabel('Title').fill('关于出行即服务试点的合作意向书 / LoI on a MaaS pilot');
		await page.getByLabel('Kind').selectOption('letter_of_intent');
		await page.getByRole('button', { name: 'Record agreement' }).click();
		const card = page.locator('li.agreement').filter({ hasText: 'LoI on a MaaS pilot' });
		await card.getByText('Letter of intent · Intent').waitFor();
		assert.match(await card.innerText(), /成都市 \(Chengdu\)/, 'the parties come from the meeting');
		await card.getByRole('button', { name: 'Mark as signed' }).click();
		await card.getByText(/Letter of intent · Signed/).waitFor();
		await card.getByText(/Intent → Signed, .*, by rep@demo\.liaison\.example/).waitFor();
		await card.getByRole('button', { name: 'Start' }).waitFor();
		assert.deepEqual(await axeViolations(page), []);
		await shot(page, 'agreements-en');
		assert.deepEqual(page.errors, []);
		await page.context().close();
	});

	test('the organiser sees the funnel of the demo fair', async () => {
		const org = await apiSession(server.url, 'organiser');
		const { body: stats } = await org.call('GET', `/events/${event.id}/statistics`);
		for (const locale of ['en-GB', 'zh-CN']) {
			const page = await newPage(browser, { locale });
			await signIn(page, server.url, 'organiser');
			await page.goto(`${server.url}/organise/events/${event.id}/dashboard`);
			const en = locale === 'en-GB';
			const funnel = page.getByRole('table', { name: en ? 'Conversion funnel' : '转化漏斗' });
			await funnel.waitFor();
			const rows = await funnel.locator('tbody tr').allInnerTexts();
			assert.equal(rows.length, 5);
			stats.funnel.forEach((step, i) => assert.match(rows[i], new RegExp('\\b' + step.count + '\\b'), step.step));
			assert.ok(stats.funnel[2].count > 0 && stats.funnel[4].count > 0, 'the demo funnel is not empty');
			await page.getByRole('table', { name: en ? 'Meeting outcomes (answers of each side)' : '洽谈结果（双方各自的回答）' }).waitFor();
			await page.getByRole('link', { name: en ? 'Event report (PDF)' : '活动报告（PDF）' }).waitFor();
			if (en) {
				const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Event report (PDF)' }).click()]);
				assert.ok((await d.path()) !== null, 'the PDF downloads');
			}
			assert.deepEqual(await axeViolations(page), []);
			await shot(page, 'organiser-results-' + locale);
			await page.context().close();
		}
	});
});
