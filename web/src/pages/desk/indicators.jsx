// indicators.jsx - "How do the cities compare?": one indicator at a time,
// its time series for each city against the national average (a line
// chart) and the latest year's city-against-national-average bars, each
// chart (Chart.js, as the dashboard's) with its numbers as a table.
import { useEffect, useRef } from 'preact/hooks';
import { BarController, BarElement, CategoryScale, Chart, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip } from 'chart.js';
import { get } from '../../api.js';
import { t, formatNumber, lang, locale } from '../../i18n.js';
import { location, navigate } from '../../router.js';
import { Page, Status, useLoad } from '../../ui.jsx';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);

const PALETTE = ['#0b5cad', '#b3261e', '#1e6b35', '#8a5a00', '#5b3f99', '#545b66', '#00708a', '#a3318a', '#4d6b00', '#7a4a2e'];
const NATIONAL = '#1f2328';

function ChartBox({ config, summary, deps, height = 320 }) {
	const ref = useRef(null);
	useEffect(() => {
		const chart = new Chart(ref.current, config());
		return () => chart.destroy();
	}, [...deps, lang.value]);
	return (
		<div class="chart-box" style={{ height: height + 'px' }}>
			<canvas ref={ref} role="img" aria-label={summary} />
		</div>
	);
}

const fmt = (v) => formatNumber(v, { maximumFractionDigits: 3 });
const nameOf = (ind) => (lang.value === 'zh' && ind.name_zh) || ind.name;

function Series({ ind }) {
	const years = [...new Set([...ind.national, ...ind.cities.flatMap((c) => c.values)].map((v) => v.year))].sort();
	const at = (values, y) => {
		const p = values.find((v) => v.year === y);
		return p ? p.value : null;
	};
	const font = { size: 13 };
	const config = () => ({
		type: 'line',
		data: {
			labels: years,
			datasets: [
				...ind.cities.map((c, i) => ({ label: c.name, data: years.map((y) => at(c.values, y)), borderColor: PALETTE[i % PALETTE.length], backgroundColor: PALETTE[i % PALETTE.length] })),
				{ label: t('ind.national'), data: years.map((y) => at(ind.national, y)), borderColor: NATIONAL, backgroundColor: NATIONAL, borderDash: [6, 4], borderWidth: 3 },
			],
		},
		options: {
			animation: false,
			responsive: true,
			maintainAspectRatio: false,
			locale: locale(),
			plugins: { legend: { display: true, position: 'bottom', labels: { font, boxWidth: 14 } } },
			scales: { x: { title: { display: true, text: t('ind.year'), font } }, y: { title: { display: true, text: ind.unit, font } } },
		},
	});
	const title = t('ind.seriesTitle', { name: nameOf(ind) });
	return (
		<section class="figure card" aria-labelledby="ind-series">
			<h2 id="ind-series">{title}</h2>
			<div class="figure-body">
				<ChartBox config={config} deps={[ind.ref]} height={420} summary={t('ind.seriesSummary', { name: nameOf(ind), count: ind.cities.length, from: years[0], to: years[years.length - 1] })} />
				<div class="table-wrap figure-table" tabIndex={0} role="region" aria-label={t('ind.tableOf', { title })}>
					<table>
						<caption class="visually-hidden">{t('ind.tableOf', { title })}</caption>
						<thead>
							<tr>
								<th scope="col">{t('ind.city')}</th>
								{years.map((y) => (
									<th scope="col" class="num" key={y}>
										{y}
									</th>
								))}
							</tr>
						</thead>
						<tbody>
							{[...ind.cities, { id: 0, name: t('ind.national'), values: ind.national }].map((c) => (
								<tr key={c.id}>
									<th scope="row">{c.name}</th>
									{years.map((y) => (
										<td class="num" key={y}>
											{at(c.values, y) === null ? '—' : fmt(at(c.values, y))}
										</td>
									))}
								</tr>
							))}
						</tbody>
					</table>
				</div>
			</div>
		</section>
	);
}

function Versus({ ind }) {
	const year = Math.max(...ind.national.map((v) => v.year), ...ind.cities.flatMap((c) => c.values.map((v) => v.year)));
	const nat = (ind.national.find((v) => v.year === year) || {}).value;
	const rows = ind.cities.map((c) => ({ name: c.name, v: (c.values.find((x) => x.year === year) || {}).value })).filter((r) => r.v !== undefined);
	rows.sort((a, b) => (ind.lower_is_better ? a.v - b.v : b.v - a.v));
	const font = { size: 13 };
	const config = () => ({
		type: 'bar',
		data: {
			labels: rows.map((r) => r.name),
			datasets: [
				{ label: t('ind.cityValue', { year }), data: rows.map((r) => r.v), backgroundColor: PALETTE[0] },
				...(nat === undefined ? [] : [{ label: t('ind.national'), data: rows.map(() => nat), backgroundColor: '#9aa3ad' }]),
			],
		},
		options: {
			animation: false,
			responsive: true,
			maintainAspectRatio: false,
			locale: locale(),
			indexAxis: 'y',
			plugins: { legend: { display: true, labels: { font } } },
			scales: { x: { title: { display: true, text: ind.unit, font }, beginAtZero: true }, y: { title: { display: true, text: t('ind.city'), font } } },
		},
	});
	const title = t('ind.versusTitle', { year });
	return (
		<section class="figure card" aria-labelledby="ind-versus">
			<h2 id="ind-versus">{title}</h2>
			<p class="meta">{ind.lower_is_better ? t('ind.lowerBetter') : t('ind.higherBetter')}</p>
			<div class="figure-body">
				<ChartBox config={config} deps={[ind.ref]} summary={t('ind.versusSummary', { name: nameOf(ind), year, count: rows.length })} />
				<div class="table-wrap figure-table" tabIndex={0} role="region" aria-label={t('ind.tableOf', { title })}>
					<table>
						<caption class="visually-hidden">{t('ind.tableOf', { title })}</caption>
						<thead>
							<tr>
								<th scope="col">{t('ind.city')}</th>
								<th scope="col" class="num">
									{ind.unit}
								</th>
								<th scope="col" class="num">
									{t('ind.vsNational')}
								</th>
							</tr>
						</thead>
						<tbody>
							{rows.map((r) => (
								<tr key={r.name}>
									<th scope="row">{r.name}</th>
									<td class="num">{fmt(r.v)}</td>
									<td class="num">{nat ? formatNumber((r.v / nat - 1) * 100, { maximumFractionDigits: 0, signDisplay: 'exceptZero' }) + ' %' : '—'}</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			</div>
		</section>
	);
}

export default function Indicators() {
	const list = useLoad(() => get('/indicators'), []);
	const items = (list.data && list.data.items) || [];
	const chosen = location.value.search.get('indicator') || (items[0] && items[0].ref);
	const ind = useLoad(() => (chosen ? get('/indicators/' + encodeURIComponent(chosen)) : Promise.resolve(null)), [chosen]);
	const d = ind.data;
	const demo = d && [...d.national, ...d.cities.flatMap((c) => c.values)].some((v) => v.demo);
	return (
		<Page title={t('ind.title')} context={d ? t('ind.context', { unit: d.unit, source: d.source || '—' }) : null}>
			<Status state={list}>
				<div class="filters">
					<div class="field">
						<label for="ind-pick">{t('ind.pick')}</label>
						<select id="ind-pick" value={chosen || ''} onChange={(e) => navigate('/indicators?indicator=' + encodeURIComponent(e.target.value))}>
							{items.map((i) => (
								<option key={i.ref} value={i.ref}>
									{nameOf(i)}
								</option>
							))}
						</select>
					</div>
				</div>
			</Status>
			<Status state={ind} empty={d && !d.cities.length && !d.national.length ? t('ind.none') : null}>
				{d && (
					<>
						{demo && <p class="notice">{t('ind.demo')}</p>}
						<Series ind={d} />
						<Versus ind={d} />
					</>
				)}
			</Status>
		</Page>
	);
}
