// i18n.test.mjs - the message catalogues (web/src/i18n/{en,zh}/*.json)
// against the code (web/src): every key used with t('…') exists in English
// and in Chinese; a key built as t('prefix.' + x) has keys under that
// prefix in both; both languages have the same keys and the same
// placeholders; every message parses as ICU MessageFormat; no Chinese
// message is left in English. No browser, no server.
//
//   node --test tests/web/i18n.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';

const ROOT = process.env.LIAISON_SOURCE_DIR || '.';
const SRC = join(ROOT, 'web/src');

function catalogue(lang) {
	const dir = join(SRC, 'i18n', lang);
	const out = {};
	for (const f of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
		const part = JSON.parse(readFileSync(join(dir, f), 'utf8'));
		for (const [k, v] of Object.entries(part)) {
			assert.ok(!(k in out), `${lang}: ${k} is in two files`);
			out[k] = v;
		}
	}
	return out;
}

function sources(dir) {
	const out = [];
	for (const name of readdirSync(dir)) {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) {
			if (name !== 'i18n') out.push(...sources(p));
		} else if (/\.(jsx?|mjs)$/.test(name)) out.push(p);
	}
	return out;
}

// Keys used in the code: t('a.b') literal, t('a.' + x) prefixes.
function usedKeys() {
	const literal = new Map();
	const prefixes = new Map();
	for (const file of sources(SRC)) {
		const text = readFileSync(file, 'utf8').replace(/^\s*\/\/.*$/gm, '');
		for (const m of text.matchAll(/\bt\(\s*'([^']+)'\s*([,)+])/g)) {
			const where = file.slice(SRC.length + 1);
			if (m[2] === '+') prefixes.set(m[1], where);
			else literal.set(m[1], where);
		}
	}
	return { literal, prefixes };
}

// The argument names of a message ({name}, {n, plural, …}).
function argNames(msg) {
	const names = new Set();
	const walk = (els) => {
		for (const el of els) {
			if (el.value && typeof el.value === 'string' && el.type !== 0 && el.type !== 7) names.add(el.value);
			if (el.options) for (const o of Object.values(el.options)) walk(o.value);
			if (el.children) walk(el.children);
		}
	};
	walk(new IntlMessageFormat(msg, 'en').getAst());
	return [...names].sort();
}

function literalText(els) {
	let out = '';
	for (const el of els) {
		if (el.type === 0) out += el.value + ' ';
		if (el.options) for (const o of Object.values(el.options)) out += literalText(o.value) + ' ';
		if (el.children) out += literalText(el.children);
	}
	return out;
}

const en = catalogue('en');
const zh = catalogue('zh');

test('every key the code uses is in English and in Chinese', () => {
	const { literal, prefixes } = usedKeys();
	assert.ok(literal.size > 300, 'the scan finds the keys: ' + literal.size);
	const missing = [];
	for (const [k, where] of literal) {
		if (!(k in en)) missing.push(`en: ${k} (${where})`);
		if (!(k in zh)) missing.push(`zh: ${k} (${where})`);
	}
	for (const [p, where] of prefixes) {
		if (!Object.keys(en).some((k) => k.startsWith(p))) missing.push(`en: ${p}… (${where})`);
		if (!Object.keys(zh).some((k) => k.startsWith(p))) missing.push(`zh: ${p}… (${where})`);
	}
	assert.deepEqual(missing, [], 'keys missing from a catalogue');
});

test('English and Chinese have the same keys and the same placeholders', () => {
	assert.deepEqual(Object.keys(zh).filter((k) => !(k in en)), [], 'in Chinese only');
	assert.deepEqual(Object.keys(en).filter((k) => !(k in zh)), [], 'in English only');
	const bad = [];
	for (const k of Object.keys(en)) {
		try {
			const a = argNames(en[k]);
			const b = argNames(zh[k]);
			if (a.join() !== b.join()) bad.push(`${k}: en {${a}} zh {${b}}`);
		} catch (e) {
			bad.push(`${k}: ${e.message}`);
		}
	}
	assert.deepEqual(bad, [], 'messages that do not parse or differ in placeholders');
});

test('no Chinese message is left in English', () => {
	// Words that stay as they are in Chinese text: the product, formats, codes.
	const keep = /^(liaison|CSV|ICS|SME|API|URL|PDF|e-?mail|https?|TOD|SDGs?|ID|UTC|IANA|CN|EU)$/i;
	const left = [];
	for (const [k, v] of Object.entries(zh)) {
		// The literal text of the message, outside placeholders and ICU syntax.
		const plain = literalText(new IntlMessageFormat(v, 'zh').getAst());
		if (/[\u3400-\u9fff]/.test(plain)) continue;
		const words = (plain.match(/[A-Za-z]{3,}/g) || []).filter((w) => !keep.test(w));
		if (words.length) left.push(`${k}: ${v}`);
	}
	assert.deepEqual(left, [], 'Chinese messages in English');
});
