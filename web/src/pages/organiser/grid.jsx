// grid.jsx - "Who meets where, and when?": the event's slots × tables (one
// day at a time), the online meetings of each slot and the unscheduled
// ones. A meeting opens a dialog to lock, unlock or move it (slot + table,
// or online); a refused move shows the server's reason next to the control.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { get, patch } from '../../api.js';
import { t, viewerZone, zoneCity } from '../../i18n.js';
import { account } from '../../session.js';
import { Page, Status, errorText, useLoad } from '../../ui.jsx';
import { EventNav, contextLine, dayKey, dayLabel, slotLabel, slotVenueTime, slotViewerTime } from './lib.jsx';
import { SignedOut } from './guard.jsx';

function names(m) {
	return (m.participants || []).map((p) => p.name).join(' · ');
}

function MeetingButton({ m, onPick }) {
	return (
		<button type="button" class={m.locked ? 'meeting locked' : 'meeting'} onClick={(e) => onPick(m, e.currentTarget)}>
			<span class="meeting-id">{t('org.meeting.number', { id: m.id })}</span>
			{m.locked && <span class="lock">{t('org.grid.locked')}</span>}
			<span class="meeting-names">{names(m)}</span>
		</button>
	);
}

// Where a meeting is, in words: "Table 3, Wed 13 May 09:00 Shanghai time · …".
function placeText(place, zone) {
	if (!place || !place.slot) return t('org.grid.unscheduledPlace');
	const when = slotLabel(place.slot.start, zone, true);
	return place.online ? t('org.grid.placeOnline', { when }) : t('org.grid.placeTable', { table: place.table, when });
}

// A refused move in the viewer's words: the server's reasons (person,
// slot, table, meeting numbers) with names and times from the grid.
function refusalText(err, grid) {
	const d = ((err && err.problem && err.problem.detail) || '').replace(/^[a-z_]+: /, '');
	const zone = grid.event.time_zone;
	const person = (id) => {
		for (const s of grid.slots)
			for (const c of [...s.tables.filter(Boolean), ...s.online]) {
				const p = c.participants.find((x) => String(x.id) === id);
				if (p) return p.name;
			}
		for (const c of grid.unscheduled) {
			const p = c.participants.find((x) => String(x.id) === id);
			if (p) return p.name;
		}
		return t('org.reg.person', { id });
	};
	const slot = (id) => {
		const s = grid.slots.find((x) => String(x.id) === id);
		return s ? slotLabel(s.start, zone, true) : id;
	};
	let m;
	if ((m = /^person (\d+) already meets in slot (\d+) \(meeting (\d+)\)/.exec(d))) return t('org.grid.refusedBusy', { name: person(m[1]), slot: slot(m[2]), meeting: m[3] });
	if ((m = /^table (\d+) is taken in slot (\d+) \(meeting (\d+)\)/.exec(d))) return t('org.grid.refusedTable', { table: m[1], slot: slot(m[2]), meeting: m[3] });
	if ((m = /^person (\d+) is not available in slot (\d+)/.exec(d))) return t('org.grid.refusedUnavailable', { name: person(m[1]), slot: slot(m[2]) });
	if ((m = /^person (\d+) attends online/.exec(d))) return t('org.grid.refusedOnline', { name: person(m[1]) });
	if (/^every participant attends on site/.test(d)) return t('org.grid.refusedOnsite');
	if ((m = /^meeting (\d+) is locked/.exec(d))) return t('org.grid.refusedLocked', { meeting: m[1] });
	if ((m = /^online hours of person (\d+) \(([^)]+)\) do not cover (\d\d:\d\d)\u2013(\d\d:\d\d)/.exec(d)))
		return t('org.grid.refusedHours', { name: person(m[1]), zone: zoneCity(m[2]), from: m[3], to: m[4] });
	if ((m = /^outside the online hours of person (\d+)/.exec(d))) return t('org.grid.refusedHoursPlain', { name: person(m[1]) });
	if ((m = /^event \d+ has (\d+) tables/.exec(d))) return t('org.grid.refusedTables', { count: Number(m[1]) });
	if (/^slot \d+ is not a slot of event/.test(d)) return t('org.grid.refusedSlot');
	if (/^an online meeting has no table/.test(d)) return t('org.grid.refusedNoTable');
	if (/^a meeting on site needs a table/.test(d)) return t('org.grid.refusedNeedsTable');
	if (/^only a scheduled meeting can be locked/.test(d)) return t('org.grid.refusedLockFirst');
	return t('org.grid.refused', { detail: errorText(err) });
}

function MoveDialog({ meeting, place, grid, onClose, onDone }) {
	const ref = useRef(null);
	const zone = grid.event.time_zone;
	const tables = grid.event.tables || 0;
	const [slot, setSlot] = useState(place && place.slot ? String(place.slot.id) : String(grid.slots[0] ? grid.slots[0].id : ''));
	const [where, setWhere] = useState(place && place.table ? String(place.table) : place && place.online ? 'online' : tables ? '1' : 'online');
	const [keepLock, setKeepLock] = useState(true);
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState(null);
	useEffect(() => {
		const d = ref.current;
		if (d && !d.open) d.showModal();
		const close = () => onClose();
		d.addEventListener('close', close);
		return () => d.removeEventListener('close', close);
	}, []);
	const send = async (body) => {
		setBusy(true);
		setError(null);
		try {
			await patch(`/meetings/${meeting.id}`, body);
			ref.current.close();
			onDone(body);
		} catch (e) {
			setError(refusalText(e, grid));
		} finally {
			setBusy(false);
		}
	};
	const move = (e) => {
		e.preventDefault();
		const body = { slot_id: Number(slot) };
		if (where === 'online') body.online = true;
		else body.table = Number(where);
		if (meeting.locked) body.locked = keepLock;
		send(body);
	};
	return (
		<dialog ref={ref} class="move-dialog" aria-labelledby="move-title">
			<h2 id="move-title">{t('org.grid.dialogTitle', { id: meeting.id })}</h2>
			<p>{names(meeting)}</p>
			<p class="meta">
				{t('org.grid.now', { place: placeText(place, zone) })}
				{meeting.locked ? ' · ' + t('org.grid.lockedLong') : ''}
			</p>
			{place && place.slot && (
				<div class="form-actions">
					<button type="button" class="quiet" disabled={busy} onClick={() => send({ locked: !meeting.locked })}>
						{meeting.locked ? t('org.grid.unlock') : t('org.grid.lock')}
					</button>
					<button type="button" class="quiet" disabled={busy} onClick={() => send(meeting.locked ? { slot_id: null, locked: false } : { slot_id: null })}>
						{t('org.grid.unschedule')}
					</button>
				</div>
			)}
			<form onSubmit={move} aria-labelledby="move-form-title" class="move-form">
				<h3 id="move-form-title">{t('org.grid.moveTitle')}</h3>
				<div class="field">
					<label for="move-slot">{t('org.grid.slot', { zone: zoneCity(zone) })}</label>
					<select id="move-slot" value={slot} onChange={(e) => setSlot(e.target.value)} aria-describedby={error ? 'move-err' : undefined}>
						{grid.slots.map((s) => (
							<option value={String(s.id)} key={s.id}>
								{slotLabel(s.start, zone, true)}
							</option>
						))}
					</select>
				</div>
				<div class="field">
					<label for="move-where">{t('org.grid.where')}</label>
					<select id="move-where" value={where} onChange={(e) => setWhere(e.target.value)} aria-describedby={error ? 'move-err' : undefined}>
						{grid.event.mode !== 'onsite' && <option value="online">{t('org.grid.online')}</option>}
						{Array.from({ length: tables }, (_, i) => (
							<option value={String(i + 1)} key={i}>
								{t('org.grid.table', { table: i + 1 })}
							</option>
						))}
					</select>
				</div>
				{meeting.locked && (
					<div class="check">
						<input id="move-keep" type="checkbox" checked={keepLock} onChange={(e) => setKeepLock(e.target.checked)} />
						<label for="move-keep">{t('org.grid.keepLock')}</label>
					</div>
				)}
				{error && (
					<p id="move-err" class="notice danger" role="alert">
						{error}
					</p>
				)}
				<div class="form-actions">
					<button type="submit" disabled={busy}>
						{t('org.grid.move')}
					</button>
					<button type="button" class="quiet" onClick={() => ref.current.close()}>
						{t('action.cancel')}
					</button>
				</div>
			</form>
		</dialog>
	);
}

export default function Grid({ params, search }) {
	const id = params.id;
	const me = account.value;
	const grid = useLoad(() => (me ? get(`/events/${encodeURIComponent(id)}/grid`) : Promise.resolve(null)), [id, me && me.id]);
	const [day, setDay] = useState(search.get('day') || '');
	const [picked, setPicked] = useState(null);
	const [done, setDone] = useState(null);
	const opener = useRef(null);
	const g = grid.data;
	const zone = g ? g.event.time_zone : 'UTC';
	const days = useMemo(() => {
		if (!g) return [];
		const set = [];
		for (const s of g.slots) {
			const k = dayKey(s.start, zone);
			if (!set.includes(k)) set.push(k);
		}
		return set;
	}, [g]);
	const places = useMemo(() => {
		const m = new Map();
		if (!g) return m;
		for (const s of g.slots) {
			s.tables.forEach((c, i) => c && m.set(c.id, { slot: s, table: i + 1, meeting: c }));
			s.online.forEach((c) => m.set(c.id, { slot: s, online: true, meeting: c }));
		}
		for (const c of g.unscheduled) m.set(c.id, { slot: null, meeting: c });
		return m;
	}, [g]);
	if (me === undefined) return null;
	if (me === null) return <SignedOut title={t('org.grid.title')} />;
	const current = day && days.includes(day) ? day : days[0];
	const slots = g ? g.slots.filter((s) => dayKey(s.start, zone) === current) : [];
	const tables = g ? g.event.tables || 0 : 0;
	const mine = viewerZone();
	const counts = g
		? {
				scheduled: g.slots.reduce((n, s) => n + s.tables.filter(Boolean).length + s.online.length, 0),
				unscheduled: g.unscheduled.length,
			}
		: null;
	const pick = (m, el) => {
		opener.current = el;
		setDone(null);
		setPicked(m.id);
	};
	const pickedPlace = picked ? places.get(picked) : null;
	return (
		<Page title={t('org.grid.title')} context={g ? contextLine({ ...g.event, slots: g.slots }) : null} nav={<EventNav id={id} current="grid" />}>
			<Status state={grid} empty={g && !g.slots.length ? t('org.grid.noSlots') : null}>
				{g && (
					<>
						<p class="meta">{t('org.grid.summary', { scheduled: counts.scheduled, unscheduled: counts.unscheduled, tables })}</p>
						<p class="hint">
							{mine === zone ? t('org.grid.zoneSame', { zone: zoneCity(zone) }) : t('org.grid.zoneBoth', { zone: zoneCity(zone), mine: zoneCity(mine) })}{' '}
							{t('org.grid.emptyCells')}
						</p>
						{days.length > 1 && (
							<div class="field inline">
								<label for="grid-day">{t('org.grid.day')}</label>
								<select id="grid-day" value={current} onChange={(e) => setDay(e.target.value)}>
									{days.map((d) => (
										<option value={d} key={d}>
											{dayLabel(d)}
										</option>
									))}
								</select>
							</div>
						)}
						{done && (
							<p class="notice ok" role="status">
								{done}
							</p>
						)}
						<div class="table-wrap grid-wrap" tabIndex={0} role="region" aria-labelledby="grid-caption">
							<table class="grid">
								<caption id="grid-caption">
									<span class="caption-text">{t('org.grid.caption', { day: dayLabel(current), zone: zoneCity(zone) })}</span>
								</caption>
								<thead>
									<tr>
										<th scope="col" class="sticky">
											{t('org.grid.time')}
										</th>
										{g.event.mode !== 'onsite' && <th scope="col">{t('org.grid.onlineCol')}</th>}
										{Array.from({ length: tables }, (_, i) => (
											<th scope="col" key={i}>
												{t('org.grid.table', { table: i + 1 })}
											</th>
										))}
									</tr>
								</thead>
								<tbody>
									{slots.map((s) => {
										const v = slotViewerTime(s.start, zone);
										return (
											<tr key={s.id}>
												<th scope="row" class="sticky">
													<span class="venue-time">{slotVenueTime(s.start, zone)}</span>
													{v && <span class="viewer-time">{v}</span>}
												</th>
												{g.event.mode !== 'onsite' && (
													<td>
														{s.online.length ? (
															<ul class="online-list">
																{s.online.map((c) => (
																	<li key={c.id}>
																		<MeetingButton m={c} onPick={pick} />
																	</li>
																))}
															</ul>
														) : null}
													</td>
												)}
												{s.tables.map((c, i) => (
													<td key={i}>{c && <MeetingButton m={c} onPick={pick} />}</td>
												))}
											</tr>
										);
									})}
								</tbody>
							</table>
						</div>
						<h2>{t('org.grid.unscheduledTitle', { count: g.unscheduled.length })}</h2>
						{!g.unscheduled.length ? (
							<p class="empty">{t('org.grid.allPlaced')}</p>
						) : (
							<ul class="chips" aria-label={t('org.grid.unscheduledTitle', { count: g.unscheduled.length })}>
								{g.unscheduled.map((c) => (
									<li key={c.id}>
										<MeetingButton m={c} onPick={pick} />
									</li>
								))}
							</ul>
						)}
						{pickedPlace && (
							<MoveDialog
								key={picked}
								meeting={pickedPlace.meeting}
								place={pickedPlace}
								grid={g}
								onClose={() => {
									setPicked(null);
									if (opener.current && opener.current.isConnected) opener.current.focus();
								}}
								onDone={(body) => {
									let msg;
									if (body.slot_id === null) msg = t('org.grid.doneUnscheduled', { id: pickedPlace.meeting.id });
									else if (body.slot_id) {
										const s = g.slots.find((x) => x.id === body.slot_id);
										if (s && dayKey(s.start, zone) !== current) setDay(dayKey(s.start, zone));
										msg = t('org.grid.doneMoved', {
											id: pickedPlace.meeting.id,
											place: placeText({ slot: s, table: body.table, online: body.online }, zone),
										});
									} else msg = body.locked ? t('org.grid.doneLocked', { id: pickedPlace.meeting.id }) : t('org.grid.doneUnlocked', { id: pickedPlace.meeting.id });
									setDone(msg);
									grid.reload();
								}}
							/>
						)}
					</>
				)}
			</Status>
		</Page>
	);
}
