// build.mjs - builds the browser UI into one pack the server embeds.
//
//   node web/build.mjs OUTDIR
//
// Bundles web/src/main.jsx (Preact, code split per page) and
// web/src/style.css with esbuild into OUTDIR/dist/ with content-hashed
// names, writes index.html (no inline script: the CSP forbids it), then
// packs every file, plain and gzip'd, into OUTDIR/pack.bin with its index
// OUTDIR/pack.json (path, type, immutable, offsets), which CMake compiles
// into the binary (src/http/static.c serves it).
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
	console.error('usage: node web/build.mjs OUTDIR');
	process.exit(2);
}
const dist = join(out, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const result = await esbuild.build({
	entryPoints: { app: join(here, 'src/main.jsx'), style: join(here, 'src/style.css') },
	bundle: true,
	splitting: true,
	format: 'esm',
	minify: true,
	target: ['es2020'],
	jsx: 'automatic',
	jsxImportSource: 'preact',
	loader: { '.json': 'json' },
	outdir: dist,
	entryNames: 'assets/[name]-[hash]',
	chunkNames: 'assets/[name]-[hash]',
	metafile: true,
	legalComments: 'none',
	logLevel: 'warning',
});

const outputs = Object.keys(result.metafile.outputs).map((p) => '/' + relative(dist, p));
const app = outputs.find((p) => /^\/assets\/app-[^/]+\.js$/.test(p));
const css = outputs.find((p) => /^\/assets\/style-[^/]+\.css$/.test(p));
const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="liaison: partners, meetings and cooperation between China and Europe">
<title>liaison</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${css}">
<script type="module" src="${app}"></script>
</head>
<body>
<noscript>liaison needs JavaScript. 需要启用 JavaScript。</noscript>
<div id="app"></div>
</body>
</html>
`;
writeFileSync(join(dist, 'index.html'), html);

const types = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.woff2': 'font/woff2',
};

function walk(dir) {
	return readdirSync(dir).flatMap((name) => {
		const p = join(dir, name);
		return statSync(p).isDirectory() ? walk(p) : [p];
	});
}

const chunks = [];
let offset = 0;
const files = [];
let jsGzip = 0;
for (const file of walk(dist).sort()) {
	const path = '/' + relative(dist, file);
	const ext = path.slice(path.lastIndexOf('.'));
	const plain = readFileSync(file);
	const gz = gzipSync(plain, { level: 9 });
	const entry = {
		path,
		type: types[ext] || 'application/octet-stream',
		immutable: path.startsWith('/assets/'),
		etag: createHash('sha256').update(plain).digest('hex').slice(0, 16),
		offset,
		length: plain.length,
		gzip_offset: offset + plain.length,
		gzip_length: gz.length,
	};
	chunks.push(plain, gz);
	offset += plain.length + gz.length;
	files.push(entry);
	if (ext === '.js') jsGzip += gz.length;
}
writeFileSync(join(out, 'pack.bin'), Buffer.concat(chunks));
writeFileSync(join(out, 'pack.json'), JSON.stringify({ files }, null, 1) + '\n');

// What the first page loads: the entry and the chunks it imports statically.
const meta = result.metafile.outputs;
const first = new Set();
const visit = (p) => {
	if (first.has(p)) return;
	first.add(p);
	for (const imp of meta[p].imports) if (imp.kind === 'import-statement') visit(imp.path);
};
visit(Object.keys(meta).find((p) => '/' + relative(dist, p) === app));
const firstGzip = [...first].reduce((n, p) => n + gzipSync(readFileSync(p), { level: 9 }).length, 0);
writeFileSync(join(out, 'sizes.json'), JSON.stringify({ first_page_js_gzip: firstGzip, all_js_gzip: jsGzip }) + '\n');
console.log(`web: ${files.length} files, first page JS ${(firstGzip / 1024).toFixed(1)} kB gzip, all JS ${(jsGzip / 1024).toFixed(1)} kB gzip`);
