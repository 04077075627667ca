// serve-dev.mjs - a development server for the UI alone: serves the built
// files of OUTDIR/dist (the single-page fallback to index.html) and passes
// /api/ to a running `liaison serve`. Tests use the real binary instead,
// which serves the same files itself.
//
//   node web/serve-dev.mjs OUTDIR API_PORT [PORT]
import { createServer, request } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';

const [dir, apiPort, port = '5173'] = process.argv.slice(2);
const types = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html; charset=utf-8' };
createServer((req, res) => {
	if (req.url.startsWith('/api/')) {
		const up = request({ host: '127.0.0.1', port: apiPort, path: req.url, method: req.method, headers: req.headers }, (r) => {
			res.writeHead(r.statusCode, r.headers);
			r.pipe(res);
		});
		req.pipe(up);
		return;
	}
	let file = join(dir, 'dist', decodeURIComponent(req.url.split('?')[0]));
	if (!existsSync(file) || statSync(file).isDirectory() || !extname(file)) file = join(dir, 'dist', 'index.html');
	res.writeHead(200, { 'Content-Type': types[extname(file)] || 'application/octet-stream' });
	res.end(readFileSync(file));
}).listen(Number(port), '127.0.0.1', () => console.log(`ui on http://127.0.0.1:${port}/`));
