// bench/web.mjs - make bench-web: Lighthouse on four pages of the UI, and
// the JavaScript the first page ships. A benchmark, not a test: it prints
// figures against the targets of issue #10 and exits 0 when everything ran
// (1 when something could not run).
//
//   node bench/web.mjs BIN BUILD_WEB_DIR
//
// Starts `liaison serve --demo` on 127.0.0.1 with a fresh database, signs
// in the demo participant and organiser (their cookies go to Lighthouse as
// a header), and audits with Debian's Chromium: the directory, an
// organisation page, the participant's agenda and the organiser's grid.
// Targets: performance >= 90, accessibility >= 95, best practices >= 95,
// first-page JS <= 150 kB gzipped. Lighthouse's default (mobile, simulated
// slow 4G) throttling is kept.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, apiSession } from '../tests/web/lib.mjs';

const [bin, webDir] = process.argv.slice(2);
if (!bin || !webDir) {
	console.error('usage: node bench/web.mjs BIN BUILD_WEB_DIR');
	process.exit(2);
}
process.env.LIAISON_BIN = bin;

// An audit's figure as Lighthouse shows it ("1.2 s", "0 ms", "0.01").
function shown(result, id) {
	const a = result.lhr.audits[id];
	return a && a.displayValue ? a.displayValue.replace(/\u00a0/g, ' ') : '-';
}

const server = await startServer();
const chrome = await chromeLauncher.launch({
	chromePath: process.env.CHROMIUM || '/usr/bin/chromium',
	chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
		'--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
let failed = false;
try {
	const base = server.url;
	const orgs = await (await fetch(base + '/api/v1/organisations?limit=1')).json();
	const events = await (await fetch(base + '/api/v1/events?limit=1')).json();
	const participant = await apiSession(base, 'participant');
	const organiser = await apiSession(base, 'organiser');
	const pages = [
		['directory', '/directory', null],
		['organisation', `/organisations/${orgs.items[0].id}`, null],
		['agenda', '/agenda', participant.cookie],
		['organiser grid', `/organise/events/${events.items[0].id}/grid`, organiser.cookie],
	];
	const rows = [];
	for (const [name, path, cookie] of pages) {
		const result = await lighthouse(base + path, {
			port: chrome.port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: ['performance', 'accessibility', 'best-practices'],
			extraHeaders: cookie ? { Cookie: cookie } : undefined,
		});
		const c = result.lhr.categories;
		const score = (k) => Math.round((c[k].score || 0) * 100);
		rows.push({ name, performance: score('performance'), accessibility: score('accessibility'), best: score('best-practices'),
			fcp: shown(result, 'first-contentful-paint'), lcp: shown(result, 'largest-contentful-paint'),
			tbt: shown(result, 'total-blocking-time'), cls: shown(result, 'cumulative-layout-shift'),
			si: shown(result, 'speed-index') });
	}
	const sizes = JSON.parse(readFileSync(join(webDir, 'sizes.json'), 'utf8'));
	const mark = (ok) => (ok ? 'PASS' : 'MISS');
	console.log('page              perf  a11y  best  FCP     LCP     TBT     CLS    SI');
	for (const r of rows) {
		console.log(`${r.name.padEnd(17)} ${String(r.performance).padStart(4)}  ${String(r.accessibility).padStart(4)}  ${String(r.best).padStart(4)}  ` +
			`${r.fcp.padEnd(7)} ${r.lcp.padEnd(7)} ${r.tbt.padEnd(7)} ${r.cls.padEnd(6)} ${r.si.padEnd(7)} ` +
			`${mark(r.performance >= 90)} ${mark(r.accessibility >= 95)} ${mark(r.best >= 95)}`);
	}
	const kb = sizes.first_page_js_gzip / 1024;
	console.log(`first-page JS: ${kb.toFixed(1)} kB gzipped (target <= 150 kB: ${mark(kb <= 150)}); all JS ${(sizes.all_js_gzip / 1024).toFixed(1)} kB`);
} catch (e) {
	console.error('bench-web:', e.message);
	failed = true;
} finally {
	await chrome.kill();
	await server.stop();
}
process.exit(failed ? 1 : 0);
