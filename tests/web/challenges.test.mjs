// challenges.test.mjs - the innovation challenge of issue #14 in the browser
// UI against the real server with the demo data, through the UI only: the
// demo challenge (open) is answered by MobiSync's representative (a bad
// field refused next to it, then a submission with a PDF attachment); the
// organiser closes the call, starts the review, runs the assignment (total
// cost, loads, reviewers) and fixes one pair; the demo jury member reviews
// in Chinese on a phone; the organiser ticks the track's winner, decides and
// announces; the public results page (no sign-in) names the winner, and the
// representative reads the jury's feedback. axe finds no serious or
// critical violation; screenshots at desktop and 375 px are kept.
//
//   node --test tests/web/challenges.test.mjs
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, signIn, shot, quiet, axeViolations, openSection, noSidewaysScroll } from './lib.mjs';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const TITLE = '园区出行数字孪生 Mobility twin for old industrial parks';
const CALL = 'Digital solutions for sustainable cities';
const PHONE = { width: 375, height: 800 };
const ZH = { email: /e-mail|电子邮箱/i, password: /^password|^密码/i, submit: /^sign in$|^登录$/i };

describe('an innovation challenge from open to announced in the browser', () => {
	let server, browser;

	before(async () => {
		server = await startServer();
		browser = await launchBrowser();
	});

	after(async () => {
		if (browser) await browser.close();
		if (server) await server.stop();
	});

	const clean = async (page, name) => {
		await quiet(page);
		assert.deepEqual(await axeViolations(page), [], name);
		await noSidewaysScroll(page, name);
		await shot(page, name);
	};

	test('the walk: submit, close, review, assign, decide, announce, results', async () => {
		// ---- the representative answers the call
		const rep = await newPage(browser, { locale: 'en-GB', timezoneId: 'Europe/Helsinki' });
		await signIn(rep, server.url, 'representative');
		await openSection(rep, 'Challenges');
		await rep.getByRole('heading', { level: 1, name: 'Which challenges can we answer?' }).waitFor();
		await rep.getByText('Open to MobiSync Oy').waitFor();
		await clean(rep, 'challenges-list-en');
		await rep.getByRole('link', { name: CALL }).click();
		await rep.getByRole('heading', { level: 1, name: CALL }).waitFor();
		// the deadline in the organiser's zone and the viewer's
		await rep.getByText(/23:59 Shanghai · .* Helsinki time/).first().waitFor();
		await rep.getByRole('region', { name: 'Tracks' }).getByRole('heading', { name: 'Track 1: Renewal of old industrial parks' }).waitFor();
		await clean(rep, 'challenge-call-en');
		await rep.getByRole('link', { name: 'Submit a solution' }).click();
		await rep.getByRole('heading', { level: 1, name: 'Submit a solution' }).waitFor();
		await rep.getByLabel('Track').selectOption({ label: 'Renewal of old industrial parks' });
		await rep.getByLabel('Abstract').fill('Ein digitaler Zwilling der Wege im Park — 园区出行数据平台, with the tenants’ mobility data.');
		await rep.getByLabel('Team').fill('Anna Virtanen, CEO\n王磊, data engineer');
		await rep.getByLabel('Links').fill('https://mobisync.example.fi/twin');
		// a bad field: its message next to it, what was typed kept
		await rep.getByRole('button', { name: 'Submit', exact: true }).click();
		const titleField = rep.locator('.field', { has: rep.getByLabel('Title') });
		await titleField.getByRole('alert').filter({ hasText: 'must be a text of 1 to 300 characters' }).waitFor();
		assert.match(await rep.getByLabel('Abstract').inputValue(), /园区出行数据平台/);
		await shot(rep, 'challenge-submit-error-en');
		await rep.getByLabel('Title').fill(TITLE);
		await rep.getByLabel('Attachment').setInputFiles({ name: 'Konzept – 方案.pdf', mimeType: 'application/pdf', buffer: PDF });
		await rep.getByRole('button', { name: 'Submit', exact: true }).click();
		await rep.getByRole('heading', { level: 1, name: TITLE }).waitFor();
		await rep.getByText('Saved. You can change it until the deadline.').waitFor();
		await rep.getByRole('region', { name: 'Attachments' }).getByRole('link', { name: 'Konzept – 方案.pdf' }).waitFor();
		await clean(rep, 'challenge-submission-en');
		const subUrl = rep.url();
		await rep.setViewportSize(PHONE);
		await clean(rep, 'challenge-submission-en-375');

		// ---- the organiser closes the call and starts the review
		const org = await newPage(browser, { locale: 'en-GB', timezoneId: 'Asia/Shanghai' });
		org.on('dialog', (d) => d.accept());
		await signIn(org, server.url, 'organiser');
		await openSection(org, 'Run the challenge');
		await org.getByRole('heading', { level: 1, name: 'Where is the challenge?' }).waitFor();
		await org.getByRole('row').filter({ hasText: TITLE }).getByText('MobiSync Oy').waitFor();
		await clean(org, 'challenge-manage-en');
		await org.getByRole('button', { name: 'Close the call' }).click();
		await org.getByRole('button', { name: 'Start the review' }).click();
		await org.getByRole('button', { name: 'Mark as decided' }).waitFor();

		// ---- the assignment, and one pair fixed
		await org.getByRole('navigation', { name: "The challenge's pages" }).getByRole('link', { name: 'Assignment' }).click();
		await org.getByRole('heading', { level: 1, name: 'Who reviews what?' }).waitFor();
		await org.getByLabel('Reviews per submission').fill('2');
		await org.getByRole('button', { name: 'Assign the reviews' }).click();
		await org.getByText('Total cost').waitFor();
		const pairs = org.getByRole('region', { name: "Each submission's reviewers" });
		assert.equal(await pairs.getByRole('row').count(), 1 + 7);
		await org.getByText(/declared 1 · same organisation 1 · same country 0 · past agreement 1/).waitFor();
		await org.getByLabel('Submission', { exact: true }).selectOption({ label: TITLE });
		await org.getByLabel('Reviewer', { exact: true }).selectOption({ label: 'Andreas Keller' });
		await org.getByLabel('Override', { exact: true }).selectOption('fixed');
		await org.getByRole('button', { name: 'Override and run again' }).click();
		await org.getByText('Andreas Keller always reviews ' + TITLE).waitFor();
		await pairs.getByRole('row').filter({ hasText: TITLE }).getByText(/Andreas Keller \(fixed\)/).waitFor();
		await clean(org, 'challenge-assignment-en');

		// ---- the jury member reviews, in Chinese on a phone
		const jury = await newPage(browser, { locale: 'zh-CN', timezoneId: 'Europe/Berlin', viewport: PHONE });
		await signIn(jury, server.url, 'jury', ZH);
		await openSection(jury, '我的评审');
		await jury.getByRole('heading', { level: 1, name: '我要评审哪些提交？' }).waitFor();
		const card = jury.getByRole('listitem').filter({ has: jury.getByRole('heading', { name: TITLE }) });
		await card.getByRole('link', { name: 'Konzept – 方案.pdf' }).waitFor();
		const form = card.getByRole('form', { name: '评审：' + TITLE });
		// a missing score: its message next to that score
		await form.getByRole('button', { name: '保存评审' }).click();
		await form.getByRole('alert').filter({ hasText: 'must be an integer from 0 to 10' }).waitFor();
		await form.getByLabel('创新性（权重 30）').selectOption('9');
		await form.getByLabel('可持续发展影响（权重 40）').selectOption('8');
		await form.getByLabel('试点可行性（权重 30）').selectOption('7');
		await form.getByLabel('给评审团的意见').fill('Strong pilot plan; the data sharing needs care.');
		await form.getByLabel('给提交者的意见').fill('非常好的方案 — a clear plan for the Chengdu pilot.');
		await form.getByRole('button', { name: '保存评审' }).click();
		await card.getByText('已评审').waitFor();
		await clean(jury, 'challenge-review-zh-375');

		// ---- the ranking, the track's winner, decided and announced
		await org.goto(server.url + '/challenges/1/ranking');
		await org.getByRole('heading', { level: 1, name: 'Who wins each track?' }).waitFor();
		const track = org.getByRole('region', { name: /^Track 1: Renewal of old industrial parks$/ });
		await track.getByRole('row').filter({ hasText: TITLE }).getByText('8.0').waitFor();
		await track.getByRole('checkbox', { name: TITLE + ' wins' }).check();
		await track.getByRole('button', { name: 'Save the winners of track 1' }).click();
		await track.getByText('1 winner saved.').waitFor();
		await clean(org, 'challenge-ranking-en');
		await org.getByRole('navigation', { name: "The challenge's pages" }).getByRole('link', { name: 'State and submissions' }).click();
		await org.getByRole('button', { name: 'Mark as decided' }).click();
		await org.getByRole('button', { name: 'Announce the results' }).click();
		await org.getByText('The results are announced: nothing more to do.').waitFor();

		// ---- the public results, no sign-in; in Chinese on a phone too
		const pub = await newPage(browser, { locale: 'en-GB' });
		await pub.goto(server.url + '/challenges/1');
		await pub.getByRole('link', { name: 'See the results' }).click();
		await pub.getByRole('heading', { level: 1, name: 'Results: ' + CALL }).waitFor();
		await pub.getByRole('list', { name: 'Winners of track 1' }).getByText(TITLE + ' — MobiSync Oy').waitFor();
		assert.doesNotMatch(await pub.locator('main').innerText(), /Andreas Keller|8\.0/);
		await clean(pub, 'challenge-results-en');
		const pubZh = await newPage(browser, { locale: 'zh-CN', viewport: PHONE });
		await pubZh.goto(server.url + '/challenges/1/results');
		await pubZh.getByRole('heading', { level: 1, name: '结果：可持续城市数字解决方案' }).waitFor();
		await pubZh.getByRole('list', { name: '赛道 1 获奖者' }).getByText('第 1 名').waitFor();
		await clean(pubZh, 'challenge-results-zh-375');

		// ---- the submitter reads the jury's feedback, never who wrote it
		await rep.goto(subUrl.replace(/\?.*$/, ''));
		const fb = rep.getByRole('region', { name: "The jury's feedback" });
		await fb.getByText('非常好的方案 — a clear plan for the Chengdu pilot.').waitFor();
		assert.doesNotMatch(await rep.locator('main').innerText(), /Andreas Keller|Strong pilot plan/);
		await shot(rep, 'challenge-feedback-en-375');

		// the refusals the walk asks for (a 422 each, rep and jury) aside, no error
		for (const p of [org, pub, pubZh]) assert.deepEqual(p.errors, []);
		for (const p of [rep, jury]) assert.deepEqual(p.errors.filter((e) => !/status of 422/.test(e)), []);
		for (const p of [rep, org, jury, pub, pubZh]) await p.context().close();
	});
});
