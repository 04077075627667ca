// desk.test.mjs - the cooperation desk of issue #15 in the browser UI
// against the real server with the demo data: the desk's staff (付晨阳)
// sees the open, overdue and resolved lists with their counts, searches in
// Chinese, opens an overdue enquiry, reads its thread with the internal
// note, adds a note and a reply, sees the partners the matching engine
// suggests and resolves it; the requester (Anna Virtanen) sees her
// enquiries without the internal notes, rates the resolved one and opens a
// new enquiry; both pages in Chinese on a 375 px phone; the city
// indicators' charts and tables (time series, against the national
// average) in English and, on a phone, in Chinese. axe finds no
// serious or critical violation; screenshots are kept.
//
//   node --test tests/web/desk.test.mjs
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, signIn, shot, axeViolations, apiSession, openSection, noSidewaysScroll } from './lib.mjs';

describe('the cooperation desk in the browser', () => {
	let server, browser, summary;

	before(async () => {
		server = await startServer();
		browser = await launchBrowser();
		const desk = await apiSession(server.url, 'desk');
		summary = (await desk.call('GET', '/desk/summary')).body;
		assert.ok(summary.staff && summary.overdue >= 2 && summary.resolved >= 1 && summary.open >= 4, JSON.stringify(summary));
	});

	after(async () => {
		if (browser) await browser.close();
		if (server) await server.stop();
	});

	test('the desk works its queue and an overdue enquiry', async () => {
		const page = await newPage(browser, { locale: 'en-GB' });
		await signIn(page, server.url, 'desk');
		await openSection(page, 'Desk');
		await page.getByRole('heading', { level: 1, name: 'Which enquiries need us now?' }).waitFor();
		const views = page.getByRole('navigation', { name: 'Lists of enquiries' });
		await views.getByRole('link', { name: `Open (${summary.open})` }).waitFor();
		await views.getByRole('link', { name: `Resolved (${summary.resolved})` }).waitFor();
		assert.deepEqual(await axeViolations(page), []);
		await shot(page, 'desk-queue-en');
		await views.getByRole('link', { name: `Overdue (${summary.overdue})` }).click();
		const list = page.getByRole('list', { name: `Overdue (${summary.overdue})` });
		await list.getByRole('link', { name: 'CE marking requirements for exporting to the EU' }).waitFor();
		assert.equal(await list.getByRole('listitem').count(), summary.overdue);
		assert.equal(await list.getByText(/^Overdue · /).count(), summary.overdue);
		// a search in Chinese finds the Chinese enquiry
		await page.getByRole('searchbox', { name: 'Search all enquiries' }).fill('芬兰');
		await page.getByRole('button', { name: 'Search' }).click();
		await page.getByRole('list', { name: 'Enquiries matching 芬兰' }).getByRole('link', { name: '寻找芬兰智能交通合作伙伴' }).waitFor();
		// the overdue enquiry of MobiSync
		await page.goto(server.url + '/desk?view=overdue');
		await page.getByRole('link', { name: 'Setting up a representative office in Chengdu' }).click();
		await page.getByRole('heading', { level: 1, name: 'Setting up a representative office in Chengdu' }).waitFor();
		const thread = page.getByRole('list', { name: 'Thread' });
		await thread.getByText('Internal note').waitFor();
		await thread.getByText(/one-window service/).waitFor();
		await page.getByText(/^Overdue · /).waitFor();
		// suggestions from the matching engine (MobiSync's partners)
		const sugg = page.getByRole('region', { name: 'Partners the matching engine suggests' });
		await sugg.getByRole('link').first().waitFor();
		assert.match(await sugg.innerText(), /because of/);
		await page.getByLabel('Your message').fill('Call the bureau on Monday — 周一致电商务局');
		await page.getByLabel('Internal note (never shown to the requester)').check();
		await page.getByRole('button', { name: 'Add note' }).click();
		await thread.getByText('Call the bureau on Monday — 周一致电商务局').waitFor();
		await page.getByLabel('Your message').fill('The registration takes about four weeks; the checklist follows.');
		await page.getByRole('button', { name: 'Send' }).click();
		await thread.getByText('The registration takes about four weeks; the checklist follows.').waitFor();
		await page.getByRole('group', { name: 'Move the enquiry' }).getByRole('button', { name: 'Mark as resolved' }).click();
		await page.getByText(/· Resolved$/).waitFor();
		await thread.getByText('Assigned → Resolved').waitFor();
		assert.deepEqual(await axeViolations(page), []);
		await shot(page, 'desk-case-en');
		assert.deepEqual(page.errors, []);
		await page.context().close();
	});

	test('the requester sees her enquiries without the notes, rates one and asks anew', async () => {
		const page = await newPage(browser, { locale: 'en-GB' });
		await signIn(page, server.url, 'representative');
		await openSection(page, 'My enquiries');
		await page.getByRole('heading', { level: 1, name: 'What have I asked the desk?' }).waitFor();
		const mine = page.getByRole('list', { name: 'My enquiries' });
		await mine.getByRole('link', { name: 'Invitation to the smart city forum' }).waitFor();
		assert.equal(await mine.getByRole('link', { name: /CE marking/ }).count(), 0, 'only her own');
		assert.equal(await page.getByRole('link', { name: 'Desk', exact: true }).count(), 0, 'no desk section for her');
		await mine.getByRole('link', { name: 'Setting up a representative office in Chengdu' }).click();
		const thread = page.getByRole('list', { name: 'Thread' });
		await thread.getByText('The registration takes about four weeks; the checklist follows.').waitFor();
		const text = await page.getByRole('main').innerText();
		assert.ok(!/one-window|周一致电|Internal note/.test(text), 'no internal note reaches the requester');
		// she rates it (resolved by the desk in the test before)
		await page.getByRole('form', { name: 'How satisfied are you with the answer?' }).waitFor();
		await page.getByLabel('Your rating').selectOption('5');
		await page.getByLabel('Comment (optional)').fill('Kiitos! Very clear.');
		await page.getByRole('button', { name: 'Send rating' }).click();
		await page.getByText('Your rating: 5 of 5 — Kiitos! Very clear.').waitFor();
		assert.deepEqual(await axeViolations(page), []);
		await shot(page, 'desk-mine-case-en');
		// a new enquiry, in Finnish
		await page.goto(server.url + '/enquiries');
		await page.getByLabel('Subject').fill('Messuosasto Chengdussa');
		await page.getByLabel('Your question').fill('Voiko keskus auttaa löytämään messuosaston Chengdun kevään messuilta?');
		await page.getByLabel('Topic').selectOption('events');
		await page.getByRole('button', { name: 'Send enquiry' }).click();
		await page.getByRole('heading', { level: 1, name: 'Messuosasto Chengdussa' }).waitFor();
		await page.getByText(/^Due /).waitFor();
		assert.equal(await page.locator('[lang="fi"]').count() > 0, true, 'the body is marked as Finnish');
		// an empty question is refused next to its field, what was typed is kept
		await page.goto(server.url + '/enquiries');
		await page.getByLabel('Subject').fill('   ');
		await page.getByLabel('Your question').fill('Something');
		await page.getByRole('button', { name: 'Send enquiry' }).click();
		await page.getByText('must be a text of 1 to 300 characters').waitFor();
		assert.equal(await page.getByLabel('Your question').inputValue(), 'Something');
		assert.deepEqual(page.errors.filter((e) => !/422/.test(e)), []);
		await page.context().close();
	});

	test('the indicators: time series and cities against the national average, charts with tables', async () => {
		const res = await fetch(`${server.url}/api/v1/indicators/co2_intensity`);
		const co2 = await res.json();
		for (const [locale, viewport, name] of [
			['en-GB', { width: 1280, height: 900 }, 'indicators-en'],
			['zh-CN', { width: 375, height: 812 }, 'indicators-zh-375'],
		]) {
			const en = locale === 'en-GB';
			const page = await newPage(browser, { locale, viewport });
			await page.goto(server.url + '/');
			await openSection(page, en ? 'City indicators' : '城市指标');
			await page.getByRole('heading', { level: 1, name: en ? 'How do the cities compare?' : '各城市表现如何？' }).waitFor();
			await page.getByLabel(en ? 'Indicator' : '指标').selectOption('co2_intensity');
			await page.getByText(en ? /^Unit: t CO2 per 10,000 CNY/ : /^单位：t CO2 per 10,000 CNY/).waitFor();
			await page.getByText(en ? /^Demo data:/ : /^演示数据/).waitFor();
			const series = page.getByRole('table', { name: en ? 'Table: CO2 emissions per unit of GDP by year' : '表格：单位GDP二氧化碳排放（逐年）' });
			await series.waitFor();
			const rows = await series.locator('tbody tr').allInnerTexts();
			assert.equal(rows.length, co2.cities.length + 1, 'ten cities and the national average');
			assert.equal(co2.cities.length, 10);
			const last = co2.national[co2.national.length - 1].value;
			assert.ok(rows[rows.length - 1].includes(String(last).replace('.', en ? '.' : '.')), rows[rows.length - 1]);
			const versus = page.getByRole('table', { name: en ? /^Table: Cities against the national average, 2023/ : /^表格：各城市与全国平均对比（2023年）/ });
			assert.equal(await versus.locator('tbody tr').count(), 10);
			// both charts drew something
			const drawn = await page.evaluate(() =>
				[...document.querySelectorAll('canvas')].map((c) => {
					const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
					let ink = 0;
					for (let i = 3; i < d.length; i += 4 * 16) if (d[i] > 0) ink++;
					return c.width > 100 && c.height > 100 && ink > 50;
				}),
			);
			assert.deepEqual(drawn, [true, true]);
			await page.getByRole('img', { name: en ? /^Line chart of CO2 emissions/ : /二氧化碳排放折线图/ }).waitFor();
			await noSidewaysScroll(page, name);
			assert.deepEqual(await axeViolations(page), []);
			await shot(page, name);
			assert.deepEqual(page.errors, []);
			await page.context().close();
		}
	});

	test('the desk and my enquiries in Chinese on a phone', async () => {
		const now = (await (await apiSession(server.url, 'desk')).call('GET', '/desk/summary')).body;
		for (const [who, path, title, name] of [
			['desk', '/desk', '哪些咨询需要我们现在处理？', 'desk-queue-zh-375'],
			['participant', '/enquiries', '我向服务台咨询了什么？', 'desk-mine-zh-375'],
		]) {
			const page = await newPage(browser, { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 375, height: 812 } });
			await signIn(page, server.url, who);
			await page.goto(server.url + path);
			await page.getByRole('heading', { level: 1, name: title }).waitFor();
			await page.getByRole('main').getByRole('listitem').first().waitFor();
			if (who === 'participant') {
				await page.getByRole('link', { name: '关于参加2026中欧博览会的咨询' }).waitFor();
				await page.getByText('已关闭').first().waitFor();
			} else {
				await page.getByRole('link', { name: `已逾期（${now.overdue}）` }).waitFor();
			}
			await noSidewaysScroll(page, path);
			assert.deepEqual(await axeViolations(page), []);
			await shot(page, name);
			if (who === 'desk') {
				await page.getByRole('link', { name: '寻找芬兰智能交通合作伙伴' }).click();
				await page.getByRole('heading', { level: 1, name: '寻找芬兰智能交通合作伙伴' }).waitFor();
				await page.getByRole('button', { name: '由我处理' }).waitFor();
				await noSidewaysScroll(page, 'case');
				await shot(page, 'desk-case-zh-375');
			}
			await page.context().close();
		}
	});

	test('the centre shows its network, its experts and a series', async () => {
		const page = await newPage(browser, { locale: 'en-GB' });
		await signIn(page, server.url, 'desk');
		await openSection(page, 'Network');
		await page.getByRole('heading', { level: 1, name: 'Who are our partners, and whose agreement is due?' }).waitFor();
		const due = page.getByRole('region', { name: 'Renewals coming due (90 days)' });
		const first = due.getByRole('listitem').first();
		await first.getByRole('link', { name: 'Deutsch-Chinesischer Wirtschaftsverband' }).waitFor();
		await first.getByText(/Renewal overdue/).waitFor();
		await due.getByText(/Renewal due: expires in 30 days/).waitFor();
		await page.getByRole('list', { name: 'The partner network' }).getByRole('link', { name: 'Camera di Commercio Italo-Cinese' }).waitFor();
		assert.deepEqual(await axeViolations(page), []);
		await shot(page, 'desk-network');
		await first.getByRole('link', { name: 'Deutsch-Chinesischer Wirtschaftsverband' }).click();
		await page.getByRole('heading', { level: 1, name: 'Deutsch-Chinesischer Wirtschaftsverband' }).waitFor();
		await page.getByRole('region', { name: 'Contact persons (desk only)' }).getByText('Jonas Weber').waitFor();
		await page.getByRole('list', { name: 'Activity log' }).getByText(/Chengdu delegation received/).waitFor();
		assert.deepEqual(await axeViolations(page), []);
		await shot(page, 'desk-partner');
		await openSection(page, 'Experts');
		await page.getByRole('heading', { level: 1, name: 'Who can advise on this?' }).waitFor();
		await page.getByRole('searchbox', { name: 'Search experts' }).fill('Wasserstoff');
		await page.getByRole('button', { name: 'Search' }).click();
		const found = page.getByRole('list', { name: 'Experts matching Wasserstoff' });
		await found.getByRole('heading', { name: 'Dr. Katrin Schulz' }).waitFor();
		assert.equal(await found.getByRole('listitem').count(), 1);
		assert.deepEqual(await axeViolations(page), []);
		await shot(page, 'desk-experts');
		await openSection(page, 'Series');
		await page.getByRole('heading', { level: 1, name: 'How has the series grown?' }).waitFor();
		await page.getByRole('link', { name: 'EU–China Cooperation Fair', exact: true }).click();
		const table = page.getByRole('table', { name: /3 editions/ });
		await table.getByRole('rowheader', { name: /EU–China Cooperation Fair 2024/ }).waitFor();
		await table.getByRole('rowheader', { name: 'Whole series' }).waitFor();
		assert.deepEqual(await axeViolations(page), []);
		await shot(page, 'desk-series');
		// a case page: the experts the engine suggests, one assigned
		await page.goto(server.url + '/desk');
		await page.getByRole('link', { name: '寻找芬兰智能交通合作伙伴' }).click();
		const sugg = page.getByRole('region', { name: 'Experts the matching engine suggests' });
		await sugg.getByText('李华').waitFor();
		await sugg.getByText('Assigned').first().waitFor();
		assert.deepEqual(page.errors, []);
		await page.context().close();
		for (const [path, title, name] of [
			['/network', '我们的合作伙伴有哪些，哪些协议需要续签？', 'desk-network-zh-375'],
			['/experts?q=' + encodeURIComponent('交通'), '谁能就此提供咨询？', 'desk-experts-zh-375'],
			['/series?name=' + encodeURIComponent('EU–China Cooperation Fair'), '系列活动的发展如何？', 'desk-series-zh-375'],
		]) {
			const phone = await newPage(browser, { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 375, height: 812 } });
			await signIn(phone, server.url, 'desk');
			await phone.goto(server.url + path);
			await phone.getByRole('heading', { level: 1, name: title }).waitFor();
			await phone.getByRole('main').getByRole('listitem').first().waitFor();
			if (path.startsWith('/series')) await phone.getByRole('table').waitFor();
			await noSidewaysScroll(phone, path);
			assert.deepEqual(await axeViolations(phone), []);
			await shot(phone, name);
			await phone.context().close();
		}
	});
});
