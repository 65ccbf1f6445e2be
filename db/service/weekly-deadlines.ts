/**
 * Every deadline and appointment a weekly summary lists (issue 11): the process deadlines the deadlines engine derives
 * (预申请初审, 补正, 审查, 发证 — through db/service/deadlines.ts `processSnapshots` and shared/domain/deadlines.ts, so the
 * report and the 办理期限 tab agree), the materials' due dates (as they stood on the as-of day), site inspections, and
 * after-care deadlines (licence renewal, annual report, change filing). Each item carries its overdue days against
 * the report's as-of day and its calendar mark (节假日 / 调休上班).
 *
 * Window: open items due before the as-of day (overdue, however old), and everything dated from the week's Monday to
 * 14 days after its Sunday. State is as of the as-of day (stage, process dates up to it, checklist statuses, licence,
 * inspections scheduled by then), so a past week's report stays the same when made again. Known limit: a result
 * recorded later but dated on or before the as-of day (a back-dated 审查 result) closes the deadline in that report too.
 */
import { ATTENDEE_ROLES, attendeeWithRole, INSPECTION_REQUIRED_ROLES } from '../../shared/domain/inspection';
import { daysBetween, type WorkCalendar } from '../../shared/domain/calendar';
import { computeDeadline, DEADLINE_RULES, type DeadlineTiming } from '../../shared/domain/deadline-rules';
import { processDeadlines, type ProcessSnapshot } from '../../shared/domain/deadlines';
import { annualReportStatus, changeFilingStatus, CHANGE_KINDS } from '../../shared/domain/licence';
import { MATERIAL_DONE_STATUSES } from '../../shared/domain/materials';
import type { IsoWeek } from '../../shared/domain/weeks';
import { upcomingWindow, type UpcomingItem, type UpcomingRef } from '../../shared/reports/weekly-model';
import type { ServiceContext } from './context';
import { stmt } from './stmt';
import { processSnapshots } from './deadlines';
import { clientsAsOf, materialsAsOf } from './history';

/** `sourceLabel`s of the weekly summary's deadline kinds (Chinese: exports are Chinese). */
export const WEEKLY_SOURCE_LABELS = {
  process: '办理期限',
  material: '材料截止',
  inspection: '现场核查',
  renewal: '许可证续期',
  annual: '年报',
  change: '变更备案',
} as const;

type Row = Record<string, unknown>;

/** The calendar mark of a date (see `UpcomingItem.dayMark`); `dueOn` set when the date was moved off a day off. */
export function dayMarkOf(cal: WorkCalendar, date: string, movedFrom: { due: string; name: string } | null): UpcomingItem['dayMark'] {
  if (movedFrom) return { kind: 'holiday', name: movedFrom.name, dueOn: movedFrom.due };
  const info = cal.dayInfo(date);
  if (info.kind === 'adjusted') return { kind: 'adjusted', name: info.name ?? '', dueOn: null };
  if (info.kind === 'holiday') return { kind: 'holiday', name: info.name ?? '', dueOn: null };
  if (info.kind === 'weekend') return { kind: 'holiday', name: '', dueOn: null };
  return null;
}

/** An item from a deadline timing: the act-by date (the last working day before a day off), overdue days, mark. */
function fromTiming(cal: WorkCalendar, asOf: string, clientId: number, t: DeadlineTiming, ref: UpcomingRef, title: string, detail: string | null): UpcomingItem {
  const date = t.dueOff ? t.dueOff.lastWorkingDay : t.due;
  return {
    clientId, date, source: ref.kind, sourceLabel: WEEKLY_SOURCE_LABELS[ref.kind], title, detail, time: null, ref,
    overdueDays: date < asOf ? daysBetween(date, asOf) : 0,
    dayMark: dayMarkOf(cal, date, t.dueOff ? { due: t.due, name: t.dueOff.name } : null),
  };
}


/**
 * The deadlines and appointments of `ids` for `week` as of `asOf` (see the module comment), each list unsorted.
 * One set-based query per kind whatever the number of clients.
 */
export function weeklyDeadlineItems(ctx: ServiceContext, cal: WorkCalendar, ids: readonly number[], week: IsoWeek, asOf: string): Map<number, UpcomingItem[]> {
  const out = new Map<number, UpcomingItem[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const win = upcomingWindow(week);
  const idsJson = JSON.stringify(ids);
  const keep = (u: UpcomingItem) => u.date <= win.to && (u.date >= win.from || u.overdueDays > 0);
  const push = (u: UpcomingItem) => { if (keep(u)) out.get(u.clientId)?.push(u); };

  // Process deadlines from the client's snapshot as it stood on the as-of day: stage then, process dates up to it,
  // items in 需补正 then (with the date of their latest move there); material targets come from the checklist below.
  const stages = clientsAsOf(ctx, ids, asOf);
  const materials = materialsAsOf(ctx, ids, asOf);
  const since = new Map(
    (stmt(ctx.db,
        `SELECT client_id, subject, max(occurred_on) AS since FROM events
         WHERE +kind = 'material.status' AND new_value = 'correction' AND +occurred_on <= ? AND client_id IN (SELECT value FROM json_each(?))
         GROUP BY client_id, subject`,
      )
      .all(asOf, idsJson) as Row[]).map((r) => [`${r.client_id as number}\u0000${r.subject as string}`, r.since as string]),
  );
  const licensed = new Set(
    (stmt(ctx.db, 'SELECT client_id FROM licences WHERE issued_on <= ? AND client_id IN (SELECT value FROM json_each(?))').all(asOf, idsJson) as Row[]).map((r) => r.client_id as number),
  );
  for (const [id, { snap: now }] of processSnapshots(ctx, 'c.id IN (SELECT value FROM json_each(?))', [idsJson])) {
    const dates = Object.fromEntries(Object.entries(now.dates).map(([k, v]) => [k, v && v <= asOf ? v : null])) as ProcessSnapshot['dates'];
    const snap: ProcessSnapshot = {
      stage: stages.get(id)?.stage ?? now.stage,
      dates,
      openCorrections: (materials.get(id) ?? []).filter((m) => m.status === 'correction')
        .map((m) => ({ itemKey: m.itemKey, title: m.title, since: since.get(`${id}\u0000${m.itemKey}`) ?? asOf })),
      targets: [],
      licenceIssued: licensed.has(id),
    };
    for (const d of processDeadlines(snap, cal, asOf)) {
      push(fromTiming(cal, asOf, id, d, { kind: 'process', rule: d.rule, subject: d.subject, subjectKey: d.subjectKey }, DEADLINE_RULES[d.rule].zh, d.subject));
    }
  }

  for (const [clientId, list] of materials) {
    for (const m of list) {
      if (!m.dueDate || MATERIAL_DONE_STATUSES.includes(m.status)) continue;
      push(fromTiming(cal, asOf, clientId, computeDeadline('material_target', m.dueDate, cal, asOf), { kind: 'material', itemKey: m.itemKey, title: m.title }, m.title, null));
    }
  }

  const inspections = stmt(ctx.db,
      `SELECT i.id, i.client_id, i.inspection_date, i.inspection_time, coalesce(nullif(i.address, ''), c.address) AS address FROM inspections i
       JOIN clients c ON c.id = i.client_id
       WHERE i.inspection_date BETWEEN ? AND ? AND i.created_at < ? AND coalesce(i.outcome, '') <> 'postponed'
         AND i.client_id IN (SELECT value FROM json_each(?))`,
    )
    .all(win.from, win.to, `${asOf}T16:00:00.000Z`, idsJson) as Row[];
  const attendeesQ = stmt(ctx.db, 'SELECT role, name FROM inspection_attendees WHERE inspection_id = ? ORDER BY sort, id');
  for (const r of inspections) {
    const date = r.inspection_date as string;
    const attendees = (attendeesQ.all(r.id) as Array<{ role: string; name: string }>).map((a) => ({ role: a.role, name: a.name }));
    push({
      clientId: r.client_id as number, date, source: 'inspection', sourceLabel: WEEKLY_SOURCE_LABELS.inspection, title: '现场核查',
      detail: inspectionDetail(r.address as string | null, attendees),
      time: (r.inspection_time as string | null) || null, overdueDays: 0, dayMark: dayMarkOf(cal, date, null),
      ref: { kind: 'inspection', address: (r.address as string | null) || null, attendees },
    });
  }

  const licences = stmt(ctx.db, `SELECT client_id, number, expires_on, renewal_applied_on FROM licences WHERE renewal_applied_on IS NULL AND client_id IN (SELECT value FROM json_each(?))`)
    .all(idsJson) as Row[];
  for (const r of licences) {
    const expires = r.expires_on as string;
    for (const rule of ['renewal_agency', 'renewal_legal'] as const) {
      push(fromTiming(cal, asOf, r.client_id as number, computeDeadline(rule, expires, cal, asOf), { kind: 'renewal', rule, number: r.number as string, expiresOn: expires }, DEADLINE_RULES[rule].zh, `${r.number as string}，有效期至${expires}`));
    }
  }

  const annual = stmt(ctx.db, `SELECT client_id, year FROM annual_reports WHERE filed_on IS NULL AND client_id IN (SELECT value FROM json_each(?))`)
    .all(idsJson) as Row[];
  for (const r of annual) {
    const year = r.year as number;
    const s = annualReportStatus(year, null, cal, asOf);
    if (asOf < s.opens && s.due > win.to) continue;
    push(fromTiming(cal, asOf, r.client_id as number, s.deadline, { kind: 'annual', rule: s.deadline.rule, year: year - 1, opens: s.opens }, `${year - 1}年度${DEADLINE_RULES[s.deadline.rule].zh}`, `${s.opens} 起报送`));
  }

  const changes = stmt(ctx.db, `SELECT client_id, kind, changed_on, new_value FROM change_filings WHERE filed_on IS NULL AND changed_on <= ? AND client_id IN (SELECT value FROM json_each(?))`)
    .all(asOf, idsJson) as Row[];
  for (const r of changes) {
    const s = changeFilingStatus(r.changed_on as string, null, cal, asOf);
    const kind = CHANGE_KINDS.find((k) => k.key === r.kind)?.zh ?? (r.kind as string);
    const detail = `${kind}${r.new_value ? `：${r.new_value as string}` : ''}`;
    const ref = (rule: 'change_agency' | 'change_legal'): UpcomingRef => ({ kind: 'change', rule, changeKind: r.kind as string, newValue: (r.new_value as string | null) || null });
    push(fromTiming(cal, asOf, r.client_id as number, s.agency, ref('change_agency'), DEADLINE_RULES.change_agency.zh, detail));
    push(fromTiming(cal, asOf, r.client_id as number, s.legal, ref('change_legal'), DEADLINE_RULES.change_legal.zh, detail));
  }
  return out;
}

/** Roles the authority expects to meet at the inspection (spec §3 condition 6, §6 人员). */
const REQUIRED_ROLES_ZH = ATTENDEE_ROLES.filter((r) => INSPECTION_REQUIRED_ROLES.includes(r.key));

/** What the client must bring to a site inspection (spec §6 材料; the prep sheet's "携带" row; English: weekly.rollup.text.bringList). */
export const INSPECTION_BRING_ZH = ['公章', '营业执照正本', '已提交材料的原件'] as const;

/**
 * The weekly line's detail for a site inspection (Chinese): address ("地址未填写" when the app has none), who attends
 * by name and role, the required roles nobody is named for ("未指定：信息安全专员…"; "参加人员未指定：…" when nobody
 * is named), and what the client must bring.
 * @example ('太原市小店区长风街1号', [{ role: 'tech_lead', name: '张伟' }]) →
 *   '地址：太原市小店区长风街1号；参加：张伟（技术负责人）；未指定：客服专员、信息安全专员（请提供姓名、电话）；请携带：公章、营业执照正本、已提交材料的原件'
 */
export function inspectionDetail(address: string | null, attendees: ReadonlyArray<{ role: string; name: string }>): string {
  const missing = REQUIRED_ROLES_ZH.filter((r) => !attendees.some((a) => a.role === r.key)).map((r) => r.zh);
  const people = attendees.map(attendeeWithRole).join('、');
  return [
    address ? `地址：${address}` : '地址未填写',
    ...(people ? [`参加：${people}`] : []),
    ...(missing.length ? [`${people ? '未指定' : '参加人员未指定'}：${missing.join('、')}（请提供姓名、电话）`] : []),
    `请携带：${INSPECTION_BRING_ZH.join('、')}`,
  ].join('；');
}
