// organiser.test.mjs - the organiser's and the admin's walk through the
// browser UI against the real server with the demo data:
//
// a participant's request is accepted by the invitee (API); the organiser
// opens the event, previews the schedule (weight, unscheduled meetings
// with their reasons, idle gaps), publishes, finds the meeting on the grid,
// moves it to a free slot and table (checked through the API), tries a
// move onto a slot where one of the two is already busy and sees the
// refusal next to the control, and locks the meeting. The walk runs on a
// desktop and at 375 × 812. Then, on a desktop: registrations (filters,
// refuse, validate), the dashboard (charts, page views, the two CSV
// downloads parsed, a Chinese name intact), the event form (the server's
// problem+json error next to the field it names, then fixed and saved),
// the admin's accounts (a role changed), outbox and audit log (the move).
// Every organiser and admin page, in English and Chinese: one h1, axe (no
// serious or critical violation), no sideways scrolling at 375 px, and a
// screenshot.
//
//   node --test tests/web/organiser.test.mjs
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser, newPage, signIn, shot, quiet, axeViolations, apiSession, openSection, noSidewaysScroll, DEMO } from './lib.mjs';

const EVENT_REF = 'eu-cn-fair-2026';
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };

// A CSV text (RFC 4180: quotes, doubled quotes, CRLF) as rows of cells.
function parseCsv(text) {
	assert.equal(text.charCodeAt(0), 0xfeff, 'the CSV starts with a UTF-8 BOM');
	text = text.slice(1);
	const rows = [];
	let row = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(cell);
			cell = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else cell += c;
	}
	if (cell || row.length) rows.push([...row, cell]);
	return rows;
}

// The participant (杨帆) asks the second participant (沈佳怡) for a meeting
// at the fair; the invitee accepts. Returns {event, me, them, request}.
async function acceptedRequest(base) {
	const p = await apiSession(base, 'participant');
	const p2 = await apiSession(base, 'participant2');
	const ev = (await p.call('GET', `/events/${EVENT_REF}`)).body;
	const made = await p.call('POST', '/meeting-requests', {
		event_id: ev.id,
		requester_id: p.me.person_id,
		invitee_id: p2.me.person_id,
		priority: 1,
		message: '您好，想交流绿色出行。',
	});
	assert.equal(made.status, 201, JSON.stringify(made.body));
	const acc = await p2.call('POST', `/meeting-requests/${made.body.id}/accept`);
	assert.ok(acc.status < 300, JSON.stringify(acc.body));
	return { event: ev, me: p.me.person_id, them: p2.me.person_id, request: made.body.id };
}

// Where a meeting is on the grid (API): {slot, table} or {slot, online}.
function findOnGrid(grid, meetingId) {
	for (const s of grid.slots) {
		const i = s.tables.findIndex((c) => c && c.id === meetingId);
		if (i >= 0) return { slot: s, table: i + 1, meeting: s.tables[i] };
		const o = s.online.find((c) => c.id === meetingId);
		if (o) return { slot: s, online: true, meeting: o };
	}
	return null;
}
function busyIn(slot, person) {
	return [...slot.tables.filter(Boolean), ...slot.online].some((c) => c.participants.some((p) => p.id === person));
}

async function walk(viewport, tag) {
	let server;
	let browser;
	before(async () => {
		server = await startServer();
		browser = await launchBrowser();
	});
	after(async () => {
		if (browser) await browser.close();
		if (server) await server.stop();
	});

	test(`${tag}: preview the schedule, publish, find the meeting on the grid, move it, a refused move, lock it`, async () => {
		const base = server.url;
		const { event, me, them } = await acceptedRequest(base);
		const org = await apiSession(base, 'organiser');
		const page = await newPage(browser, { locale: 'en-GB', timezoneId: 'Europe/Helsinki', viewport });
		await signIn(page, base, 'organiser');

		// My events → the event's scheduler.
		await openSection(page, 'My events');
		await page.getByRole('heading', { level: 1, name: 'My events' }).waitFor();
		await page.getByRole('link', { name: event.name }).first().waitFor();
		await page.getByRole('list', { name: `Pages of ${event.name}` }).getByRole('link', { name: 'Scheduler' }).click();
		await page.getByRole('heading', { level: 1, name: 'Meeting scheduler' }).waitFor();
		await page.getByText(/times in Shanghai time \(Asia\/Shanghai\) and yours \(Helsinki\)/).first().waitFor();

		// The preview: weight against the bound, unscheduled with reasons, idle gaps.
		await page.getByRole('button', { name: 'Preview the schedule' }).click();
		await page.getByRole('heading', { level: 2, name: 'Preview (not published)' }).waitFor();
		const stat = (label) => page.locator('dl.stats div').filter({ has: page.getByText(label, { exact: true }) }).locator('dd');
		assert.match(await stat('Weight placed').innerText(), /^\d[\d,]* of at most \d[\d,]*/, 'the weight and its bound');
		assert.match(await stat('Idle gaps').innerText(), /^\d+ free slots between two meetings/, 'the idle gaps');
		assert.match(await stat('Meetings scheduled').innerText(), /^\d+ of \d+$/);
		const unsched = page.getByRole('heading', { level: 3, name: /unscheduled meeting|Unscheduled meetings/ });
		await unsched.waitFor();
		const reasons = page.locator('p.reason');
		const apiPreview = await org.call('POST', `/events/${event.id}/schedule`, { publish: false, keep_published: true });
		assert.equal(await reasons.count(), apiPreview.body.unscheduled.length, 'one reason per unscheduled meeting');
		if (apiPreview.body.unscheduled.length) assert.match(await reasons.first().innerText(), /^Why: \S/, 'a reason is given');
		await shot(page, `organiser-walk-${tag}-preview-en`);

		// Publish (asks once).
		page.once('dialog', (d) => d.accept());
		await page.getByRole('button', { name: 'Publish this schedule' }).click();
		await page.getByText(/^Published: \d+ meetings? (is|are) in the participants’ agendas\./).waitFor();
		await page.getByRole('heading', { level: 2, name: 'Published schedule' }).waitFor();
		let grid = (await org.call('GET', `/events/${event.id}/grid`)).body;
		const ours = grid.slots
			.flatMap((s) => [...s.tables.filter(Boolean), ...s.online])
			.find((c) => c.participants.some((p) => p.id === me) && c.participants.some((p) => p.id === them));
		assert.ok(ours, 'the new meeting is published on the grid');
		const id = ours.id;

		// The grid: slots × tables plus the online meetings.
		await page.getByRole('link', { name: 'See the grid' }).click();
		await page.getByRole('heading', { level: 1, name: 'Meeting grid' }).waitFor();
		const table = page.getByRole('table', { name: /^Meetings of .+ by slot and table \(Shanghai time\)$/ });
		await table.waitFor();
		await table.getByRole('columnheader', { name: 'Table 40' }).waitFor();
		await table.getByRole('columnheader', { name: 'Online' }).waitFor();
		const at = findOnGrid(grid, id);
		const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(at.slot.start));
		const daySelect = page.getByLabel('Day', { exact: true });
		if (await daySelect.count()) await daySelect.selectOption(day);
		const button = page.getByRole('button', { name: new RegExp(`^Meeting ${id}\\b`) });
		await button.waitFor();
		assert.match(await button.innerText(), /杨帆/);
		assert.match(await button.innerText(), /沈佳怡/);
		if (tag === 'desktop') await shot(page, `organiser-walk-${tag}-grid-en`);

		// Move it to a slot where both are free, at a free table.
		const target = grid.slots.find((s) => s.id !== at.slot.id && !busyIn(s, me) && !busyIn(s, them) && s.tables.some((c) => !c));
		assert.ok(target, 'a free slot exists');
		const freeTable = target.tables.findIndex((c) => !c) + 1;
		await button.click();
		const dialog = page.getByRole('dialog', { name: `Meeting ${id}` });
		await dialog.waitFor();
		await dialog.getByLabel('Slot (Shanghai time)').selectOption(String(target.id));
		await dialog.getByLabel('Place').selectOption(String(freeTable));
		await dialog.getByRole('button', { name: 'Move', exact: true }).click();
		await page.getByRole('status').filter({ hasText: `Meeting ${id} moved: table ${freeTable},` }).waitFor();
		grid = (await org.call('GET', `/events/${event.id}/grid`)).body;
		const moved = findOnGrid(grid, id);
		assert.equal(moved.slot.id, target.id, 'the API has the new slot');
		assert.equal(moved.table, freeTable, 'the API has the new table');
		const newTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(target.start));
		await page
			.getByRole('row')
			.filter({ has: page.getByRole('button', { name: new RegExp(`^Meeting ${id}\\b`) }) })
			.filter({ has: page.getByRole('rowheader', { name: new RegExp(newTime) }) })
			.waitFor();

		// A refused move: onto a slot where 杨帆 already meets someone else.
		const busy = grid.slots.find((s) => s.id !== target.id && busyIn(s, me) && s.tables.some((c) => !c));
		assert.ok(busy, 'a slot where the participant is busy');
		const busyDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(busy.start));
		await page.getByRole('button', { name: new RegExp(`^Meeting ${id}\\b`) }).click();
		await dialog.waitFor();
		await dialog.getByLabel('Slot (Shanghai time)').selectOption(String(busy.id));
		await dialog.getByLabel('Place').selectOption(String(busy.tables.findIndex((c) => !c) + 1));
		await dialog.getByRole('button', { name: 'Move', exact: true }).click();
		const refusal = dialog.getByRole('alert');
		await refusal.waitFor();
		assert.match(await refusal.innerText(), /^The move was refused: 杨帆 already has a meeting then \(.+ Shanghai.*, meeting \d+\)\. Choose another slot\.$/, 'the refusal says who is busy, when, and what to do');
		assert.equal(await dialog.getByLabel('Slot (Shanghai time)').getAttribute('aria-describedby'), await refusal.getAttribute('id'), 'the reason is tied to the control');
		await shot(page, `organiser-walk-${tag}-move-refused-en`);
		grid = (await org.call('GET', `/events/${event.id}/grid`)).body;
		assert.equal(findOnGrid(grid, id).slot.id, target.id, 'the refused move left it in place');
		void busyDay;

		// Lock it.
		await dialog.getByRole('button', { name: 'Lock it here' }).click();
		await page.getByRole('status').filter({ hasText: `Meeting ${id} is locked.` }).waitFor();
		grid = (await org.call('GET', `/events/${event.id}/grid`)).body;
		assert.equal(findOnGrid(grid, id).meeting.locked, true, 'the API has the lock');
		const lockedButton = page.getByRole('button', { name: new RegExp(`^Meeting ${id}\\b`) });
		await lockedButton.filter({ hasText: 'Locked' }).waitFor();
		await noSidewaysScroll(page, 'grid');
		await shot(page, `organiser-walk-${tag}-locked-en`);
		assert.deepEqual(page.errors.filter((e) => !/Failed to load resource/.test(e)), [], 'no script errors');
		await page.context().close();
	});
}

describe('organiser walk, desktop', () => walk(DESKTOP, 'desktop'));
describe('organiser walk, 375 × 812', () => walk(PHONE, 'phone'));

describe('organiser and admin pages', () => {
	let server;
	let browser;
	let event;
	before(async () => {
		server = await startServer();
		browser = await launchBrowser();
		event = (await (await fetch(`${server.url}/api/v1/events/${EVENT_REF}`)).json());
	});
	after(async () => {
		if (browser) await browser.close();
		if (server) await server.stop();
	});

	test('registrations: filters by country, kind and attendance; refuse and validate', async () => {
		const base = server.url;
		const org = await apiSession(base, 'organiser');
		const page = await newPage(browser, { locale: 'en-GB' });
		await signIn(page, base, 'organiser');
		await page.goto(`${base}/organise/events/${event.id}/registrations`);
		await page.getByRole('heading', { level: 1, name: 'Registrations' }).waitFor();
		const table = page.getByRole('table', { name: 'Registrations of the event' });
		await table.waitFor();
		const rows = table.locator('tbody tr');
		await rows.first().waitFor();
		const total = await rows.count();
		assert.ok(total > 5, 'registrations are listed: ' + total);
		const col = async (n) => (await rows.locator(`:scope > :nth-child(${n})`).allInnerTexts()).map((s) => s.trim());

		await page.getByLabel('Country').selectOption({ label: 'China' });
		await page.waitForURL(/country=CN/);
		const cn = await col(3);
		const shownOf = async () => {
			const m = /(\d+) registrations? shown of (\d+)/.exec(await page.getByText(/registrations? shown of \d+/).innerText());
			return [Number(m[1]), Number(m[2])];
		};
		const [nCn, all] = await shownOf();
		assert.ok(nCn > 0 && nCn < all, `China narrows the list: ${nCn} of ${all}`);
		assert.ok(cn.length === Math.min(nCn, 50), 'the rows are the ones counted');
		assert.ok(cn.every((c) => c === 'China'), 'only China: ' + cn.join(','));
		await page.getByLabel('Kind of organisation').selectOption('city');
		await page.waitForURL(/kind=city/);
		const kinds = await col(4);
		assert.ok(kinds.length > 0 && kinds.every((c) => c === 'City'), 'only cities: ' + kinds.join(','));
		assert.ok((await col(3)).every((c) => c === 'China'));
		await page.getByLabel('Country').selectOption('');
		await page.getByLabel('Kind of organisation').selectOption('');
		await page.getByLabel('Attendance').selectOption('online');
		await page.waitForURL(/attendance=online/);
		const online = await col(5);
		const apiRegs = (await org.call('GET', `/registrations?event=${event.id}&limit=200`)).body.items;
		assert.equal(online.length, apiRegs.filter((r) => r.attendance === 'online').length, 'as many online as the API says');
		assert.ok(online.every((c) => c === 'Online'));
		await page.getByLabel('Attendance').selectOption('');

		// Refuse 杨帆's registration (asks once), then validate it again.
		const p = await apiSession(base, 'participant');
		const reg = apiRegs.find((r) => r.person_id === p.me.person_id);
		await page.getByLabel('Country').selectOption('CN');
		await page.getByLabel('Kind of organisation').selectOption('city');
		page.once('dialog', (d) => d.accept());
		await page.getByRole('button', { name: 'Refuse 杨帆' }).click();
		const row = rows.filter({ has: page.getByRole('rowheader', { name: /杨帆/ }) });
		await row.getByText('Refused', { exact: true }).waitFor();
		assert.equal((await org.call('GET', `/registrations/${reg.id}`)).body.validation, 'rejected');
		await page.getByLabel('Validation').selectOption('rejected');
		assert.equal(await rows.count(), 1, 'one refused registration');
		await page.getByRole('button', { name: 'Validate 杨帆' }).click();
		await page.getByText(/No registration matches these filters/).waitFor();
		assert.equal((await org.call('GET', `/registrations/${reg.id}`)).body.validation, 'validated');
		await page.context().close();
	});

	test('dashboard: charts, page views, CSV downloads of participants and meetings', async () => {
		const base = server.url;
		// A visitor's view of the public page.
		const v = await fetch(`${base}/api/v1/events/${event.id}/views`, { method: 'POST' });
		assert.ok(v.status < 300, 'a view is counted');
		const page = await newPage(browser, { locale: 'en-GB' });
		await signIn(page, base, 'organiser');
		await page.goto(`${base}/organise/events/${event.id}/dashboard`);
		await page.getByRole('heading', { level: 1, name: 'Event dashboard' }).waitFor();
		for (const title of ['Participants by country', 'Participants by kind of organisation', 'Meeting requests by state', 'Meetings per slot', 'Views of the public event page']) {
			await page.getByRole('heading', { name: title }).waitFor();
			const chart = page.getByRole('img', { name: new RegExp('^' + title + ': a chart of \\d+') });
			await chart.waitFor();
			const box = await chart.boundingBox();
			assert.ok(box && box.width > 100 && box.height > 50, title + ' is drawn');
			await page.getByRole('table', { name: 'Numbers of the chart: ' + title }).waitFor({ state: 'attached' });
		}
		const rate = page.locator('dl.stats div').filter({ hasText: 'Acceptance rate' });
		assert.match(await rate.innerText(), /\d+(\.\d+)?\s?%/, 'the acceptance rate');
		const views = page.locator('dl.stats div').filter({ hasText: 'Page views' });
		assert.match(await views.innerText(), /Page views\s*[1-9]/, 'the page view is shown');
		await shot(page, 'organiser-dashboard-walk-en');

		const download = async (name) => {
			const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
			return parseCsv(readFileSync(await d.path(), 'utf8'));
		};
		const regs = await download('Participants (CSV)');
		assert.ok(regs.length > 10, 'participant rows');
		assert.ok(regs.every((r) => r.length === regs[0].length), 'every row has as many cells as the header');
		assert.ok(regs.some((r) => r.includes('杨帆')), 'a Chinese name survives the download');
		const meetings = await download('Meetings (CSV)');
		assert.ok(meetings.length > 2, 'meeting rows');
		assert.ok(meetings.every((r) => r.length === meetings[0].length));
		assert.ok(meetings.slice(1).some((r) => r.join(',').includes('杨帆')), 'a Chinese name in the meetings');
		await page.context().close();
	});

	test('event form: the server’s refusal next to its field, then saved', async () => {
		const base = server.url;
		const admin = await apiSession(base, 'admin');
		const page = await newPage(browser, { locale: 'en-GB' });
		await signIn(page, base, 'admin');
		await page.goto(`${base}/organise/events/new`);
		await page.getByRole('heading', { level: 1, name: 'New event' }).waitFor();
		await page.getByLabel('Name', { exact: true }).fill('Sino-Nordic Hydrogen Days · 中北欧氢能日');
		await page.getByLabel('Venue time zone').selectOption('Europe/Helsinki');
		await page.getByLabel('Live-stream link').fill('ftp://stream.example.org/live');
		await page.getByRole('button', { name: 'Create the event' }).click();
		const field = page.getByLabel('Live-stream link');
		await page.waitForFunction(() => document.querySelector('[aria-invalid="true"]'));
		assert.equal(await field.getAttribute('aria-invalid'), 'true', 'the named field is marked');
		const err = await field.getAttribute('aria-describedby');
		assert.ok(err, 'the field points to its error');
		const text = await page.evaluate((ids) => ids.split(' ').map((i) => document.getElementById(i)?.textContent || '').join(' '), err);
		assert.match(text, /http/, 'the error says what is wrong: ' + text);
		assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Sino-Nordic Hydrogen Days · 中北欧氢能日', 'what was typed is kept');
		await shot(page, 'organiser-event-form-error-en');
		await field.fill('https://stream.example.org/live');
		await page.getByRole('button', { name: 'Create the event' }).click();
		await page.waitForURL(/\/organise\/events\/\d+\/settings/);
		const newId = Number(/events\/(\d+)\//.exec(page.url())[1]);
		const ev = (await admin.call('GET', `/events/${newId}`)).body;
		assert.equal(ev.name, 'Sino-Nordic Hydrogen Days · 中北欧氢能日');
		assert.equal(ev.time_zone, 'Europe/Helsinki');
		assert.equal(ev.stream_url, 'https://stream.example.org/live');
		await page.context().close();
	});

	test('admin: a role changed, the outbox, the audit log shows the move', async () => {
		const base = server.url;
		const admin = await apiSession(base, 'admin');
		const org = await apiSession(base, 'organiser');
		// A move by the organiser, for the audit log.
		const grid = (await org.call('GET', `/events/${event.id}/grid`)).body;
		const m = grid.slots.flatMap((s) => s.tables.filter(Boolean))[0];
		const moved = await org.call('PATCH', `/meetings/${m.id}`, { locked: true });
		assert.ok(moved.status < 300, JSON.stringify(moved.body));

		const page = await newPage(browser, { locale: 'en-GB' });
		await signIn(page, base, 'admin');
		await openSection(page, 'Accounts');
		await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
		await page.getByRole('button', { name: 'Edit roles of jury@demo.liaison.example' }).click();
		const dialog = page.getByRole('dialog', { name: 'Roles of jury@demo.liaison.example' });
		await dialog.waitFor();
		await dialog.getByLabel('Role', { exact: true }).selectOption('organiser');
		await dialog.getByLabel('Event number').fill(String(event.id));
		await dialog.getByRole('button', { name: 'Add the role' }).click();
		await dialog.getByRole('button', { name: 'Save the roles' }).click();
		await page.getByText('The roles of jury@demo.liaison.example are saved.').waitFor();
		const accounts = (await admin.call('GET', '/accounts?limit=50')).body.items;
		const jury = accounts.find((a) => a.email === DEMO.jury[0]);
		assert.ok(jury.roles.some((r) => r.role === 'organiser' && r.scope === 'event' && r.scope_id === event.id), 'the new role is saved: ' + JSON.stringify(jury.roles));
		assert.ok(jury.roles.some((r) => r.role === 'jury'), 'the old role is kept');
		const row = page.getByRole('row').filter({ hasText: DEMO.jury[0] });
		assert.match(await row.innerText(), /Organiser of event/);

		await openSection(page, 'Outbox');
		await page.getByRole('heading', { level: 1, name: 'Outbox' }).waitFor();
		await page.waitForLoadState('networkidle');
		const out = (await admin.call('GET', '/outbox?limit=200')).body.items;
		if (out.length) await page.getByRole('table', { name: 'Queued messages' }).waitFor();
		else await page.getByText('The outbox is empty.').waitFor();

		await openSection(page, 'Audit log');
		await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
		const audit = page.getByRole('table', { name: 'Audit rows' });
		await audit.waitFor();
		await page.waitForLoadState('networkidle');
		const auditText = await page.getByRole('main').innerText();
		assert.match(auditText, new RegExp(`PATCH /api/v1/meetings/${m.id}\\b`), 'the audit log shows the move: ' + auditText.slice(0, 2000));
		assert.match(auditText, new RegExp(`PUT /api/v1/accounts/${jury.id}/roles`), 'the audit log shows the role change');
		await page.context().close();
	});

	const ORGANISER_PAGES = [
		['events', '/organise'],
		['event-settings', '/organise/events/1/settings'],
		['registrations', '/organise/events/1/registrations'],
		['schedule', '/organise/events/1/schedule'],
		['grid', '/organise/events/1/grid'],
		['dashboard', '/organise/events/1/dashboard'],
	];
	const ADMIN_PAGES = [
		['event-new', '/organise/events/new'],
		['accounts', '/admin/accounts'],
		['outbox', '/admin/outbox'],
		['audit', '/admin/audit'],
	];
	for (const lang of ['en', 'zh']) {
		test(`every organiser and admin page in ${lang}: one h1, no serious axe violation, 375 px wide, screenshots`, async () => {
			const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
			for (const [who, pages] of [
				['organiser', ORGANISER_PAGES],
				['admin', ADMIN_PAGES],
			]) {
				for (const [size, viewport] of [
					['desktop', DESKTOP],
					['375', PHONE],
				]) {
					const page = await newPage(browser, { locale, viewport });
					await signIn(page, server.url, who);
					for (const [name, path] of pages) {
						await page.goto(server.url + path);
						await page.getByRole('heading', { level: 1 }).waitFor();
						await quiet(page);
						if (name === 'schedule') {
							await page.getByRole('button', { name: lang === 'zh' ? /预览/ : 'Preview the schedule' }).click();
							await page.locator('dl.stats').waitFor();
						}
						assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1, `${name}: one h1`);
						assert.equal(await page.evaluate(() => document.documentElement.lang), lang === 'zh' ? 'zh-CN' : 'en', `${name}: html lang`);
						assert.match(await page.title(), / · liaison$/, `${name}: the document title names the page`);
						if (lang === 'zh') {
							const h1 = await page.getByRole('heading', { level: 1 }).innerText();
							assert.match(h1, /[\u4e00-\u9fff]/, `${name}: the h1 is in Chinese: ${h1}`);
						}
						if (size === 'desktop') {
							const bad = await axeViolations(page);
							assert.deepEqual(bad, [], `${name} (${lang}): axe`);
						} else await noSidewaysScroll(page, `${name} (${lang})`);
						await shot(page, `organiser-${name}-${lang}-${size}`);
					}
					assert.deepEqual(page.errors.filter((e) => !/Failed to load resource/.test(e)), [], 'no script errors');
					await page.context().close();
				}
			}
		});
	}
});
