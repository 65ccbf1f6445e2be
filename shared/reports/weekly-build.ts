/**
 * Builds one client's weekly summary from the dated facts the database gives (pure): the week's events and notes,
 * the checklist as it stood at the end of the week, the upcoming items, and the saved "next steps" if any. When the
 * consultant has not written next steps for the week, a suggestion is derived from the same facts (so it is as
 * reproducible as the rest).
 */
import { MATERIAL_DONE_STATUSES, type MaterialStatus } from '../domain/materials';
import type { StageKey } from '../domain/stages';
import type { IsoWeek } from '../domain/weeks';
import { deadlineLine, deadlineWhat, dayMarkText, mmdd, overdueText, stageMovesText, stageZh } from './weekly-labels';
import { upcomingWindow, weekInfo, WEEKLY_RULES, type ClientWeekSummary, type UpcomingItem } from './weekly-model';

/** A recorded change dated in the week (events table: kind, subject = material item key, old/new values). */
export interface WeekEvent {
  on: string;
  kind: string;
  subject: string | null;
  subjectTitle: string | null;
  oldValue: string | null;
  newValue: string | null;
}

/** One checklist item as it stood at the end of the week. */
export interface MaterialAtWeekEnd {
  itemKey: string;
  title: string;
  sort: number;
  status: MaterialStatus;
  dueDate: string | null;
  /** The item's note (for 需补正: what the authority asked for); absent = none. */
  note?: string | null;
  /** Files attached to the item by the week's end; absent = none. */
  files?: number;
  /** Files attached to the item during the week (`n`) and the China day of the last one; absent or null = none. */
  arrived?: { n: number; on: string } | null;
}

/** What db/service/weekly.ts reads for one client and week. `events` and `notes` are those dated in the week. */
export interface RawClientWeek {
  week: IsoWeek;
  generatedOn: string;
  client: ClientWeekSummary['client'];
  stage: StageKey;
  events: WeekEvent[];
  notes: Array<{ id: number; date: string; body: string }>;
  materials: MaterialAtWeekEnd[];
  /** Open deadlines and appointments with `overdueDays` and `dayMark` filled (db/service/weekly-deadlines.ts). */
  upcoming: UpcomingItem[];
  nextSteps: { body: string; updatedAt: string } | null;
  /** The day overdue is judged against ({@link reportAsOf}); defaults to the week's Sunday. */
  asOf?: string;
  /** Process facts dated in the week: the acceptance (受理) of the formal submission, a 补正 request, the licence issued. */
  facts?: {
    acceptedOn?: string | null;
    correctionRequestedOn?: string | null;
    licence?: ClientWeekSummary['licence'];
  };
  /** Risks found by the service (e.g. a failing eligibility condition), Chinese sentences. */
  risks?: string[];
}

const byDateThenOrder = <T extends { on: string }>(xs: T[]) => xs.map((x, i) => ({ x, i })).sort((a, b) => (a.x.on < b.x.on ? -1 : a.x.on > b.x.on ? 1 : a.i - b.i)).map((e) => e.x);

/**
 * Assembles a {@link ClientWeekSummary}. Stage moves are 'stage' events with an old value (creation is not a move);
 * material changes are 'material.status' events; "missing" = items 待收集 or 需补正 at the week's end; progress counts
 * {@link MATERIAL_DONE_STATUSES}. Notes keep date order (then input order).
 */
export function buildClientWeekSummary(raw: RawClientWeek): ClientWeekSummary {
  const events = byDateThenOrder(raw.events);
  const inWeek = (d: string | null | undefined): d is string => !!d && d >= raw.week.start && d <= raw.week.end;
  const stageMoves = events
    .filter((e) => e.kind === 'stage' && e.oldValue && e.newValue && e.oldValue !== e.newValue)
    .map((e) => ({ on: e.on, from: e.oldValue as StageKey, to: e.newValue as StageKey }));
  const materialChanges = events
    .filter((e) => e.kind === 'material.status' && e.oldValue && e.newValue)
    .map((e) => ({ on: e.on, itemKey: e.subject ?? '', title: e.subjectTitle ?? e.subject ?? '', from: e.oldValue as MaterialStatus, to: e.newValue as MaterialStatus }));
  const materials = [...raw.materials].sort((a, b) => a.sort - b.sort);
  const missing = materials
    .filter((m) => m.status === 'missing' || m.status === 'correction')
    .map((m) => ({ itemKey: m.itemKey, title: m.title, status: m.status, dueDate: m.dueDate, note: m.note?.trim() || null }));
  const notes = raw.notes.map((n, i) => ({ n, i })).sort((a, b) => (a.n.date < b.n.date ? -1 : a.n.date > b.n.date ? 1 : a.i - b.i)).map((e) => e.n);
  const win = upcomingWindow(raw.week);
  const asOf = raw.asOf ?? raw.week.end;
  const items = raw.upcoming
    .filter((u) => u.date <= win.to && (u.date >= win.from || u.overdueDays > 0))
    .sort((a, b) => Number(b.overdueDays > 0) - Number(a.overdueDays > 0) || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const base: Omit<ClientWeekSummary, 'nextSteps'> = {
    week: weekInfo(raw.week),
    generatedOn: raw.generatedOn,
    client: raw.client,
    stage: raw.stage,
    stageMoves,
    notes,
    milestones: milestonesOf(stageMoves, raw.facts ?? {}, inWeek),
    licence: raw.facts?.licence && inWeek(raw.facts.licence.issuedOn) ? raw.facts.licence : null,
    materialLines: materialLinesOf(materialChanges, materials),
    materialChanges,
    progress: { done: materials.filter((m) => MATERIAL_DONE_STATUSES.includes(m.status)).length, total: materials.length },
    missing,
    upcoming: { ...win, asOf, items },
    risks: [...items.flatMap(riskOf), ...(raw.risks ?? [])],
  };
  const saved = raw.nextSteps && raw.nextSteps.body.trim() ? raw.nextSteps : null;
  return {
    ...base,
    nextSteps: saved ? { text: saved.body, saved: true, updatedAt: saved.updatedAt } : { text: suggestNextSteps(base), saved: false, updatedAt: null },
  };
}

/** The risk sentences of one deadline: overdue, or due on a day off (with the last working day before it). */
function riskOf(u: UpcomingItem): string[] {
  const what = deadlineWhat(u);
  if (u.overdueDays > 0) return [`${mmdd(u.date)} ${what}（${u.sourceLabel}）${overdueText(u.overdueDays)}`];
  if (u.dayMark?.kind === 'holiday' && u.dayMark.dueOn) return [`${what}，期满日${mmdd(u.dayMark.dueOn)}适逢${u.dayMark.name || '周末'}，请于${mmdd(u.date)}（此前最后一个工作日）前完成`];
  if (u.dayMark?.kind === 'holiday') return [`${mmdd(u.date)} ${what}：${dayMarkText(u)}，请提前安排`];
  return [];
}

/** Milestones: each stage move (its recorded date), the acceptance of the formal submission, a 补正 request, the licence. */
function milestonesOf(
  moves: ClientWeekSummary['stageMoves'],
  facts: NonNullable<RawClientWeek['facts']>,
  inWeek: (d: string | null | undefined) => d is string,
): ClientWeekSummary['milestones'] {
  const out: ClientWeekSummary['milestones'] = moves.map((m) => ({ on: m.on, kind: 'stage' as const, text: `阶段：${stageMovesText([m])}` }));
  if (inWeek(facts.acceptedOn)) out.push({ on: facts.acceptedOn, kind: 'accepted', text: `正式申请已受理（受理日期 ${facts.acceptedOn}），进入审查` });
  if (inWeek(facts.correctionRequestedOn)) out.push({ on: facts.correctionRequestedOn, kind: 'correction', text: '管理局要求补正材料' });
  const l = facts.licence;
  if (l && inWeek(l.issuedOn)) {
    out.push({
      on: l.issuedOn, kind: 'licence',
      text: `发证：许可证编号 ${l.number}，有效期至 ${l.expiresOn}；首次年报 ${l.firstAnnualReport.opens} ~ ${l.firstAnnualReport.due}（${l.firstAnnualReport.year - 1}年度）`,
    });
  }
  return byDateThenOrder(out);
}

/**
 * One line per item changed in the week: status before its first change → after its last change, the date of the last
 * change, and the item's note when it ends in 需补正. Checklist order (A–D); items no longer on the list go last.
 */
function materialLinesOf(changes: ClientWeekSummary['materialChanges'], materials: MaterialAtWeekEnd[]): ClientWeekSummary['materialLines'] {
  const byItem = new Map<string, ClientWeekSummary['materialLines'][number]>();
  for (const c of changes) {
    const prev = byItem.get(c.itemKey);
    if (prev) Object.assign(prev, { to: c.to, lastChangeOn: c.on });
    else byItem.set(c.itemKey, { itemKey: c.itemKey, title: c.title, from: c.from, to: c.to, lastChangeOn: c.on, note: null });
  }
  const order = new Map(materials.map((m, i) => [m.itemKey, i]));
  const noteOf = new Map(materials.map((m) => [m.itemKey, m.note?.trim() || null]));
  const filesOf = new Map(materials.map((m) => [m.itemKey, m.files ?? 0]));
  const arrivedOf = new Map(materials.map((m) => [m.itemKey, m.arrived ?? null]));
  // Files that arrived for an item whose status did not change in the week: a line of their own (status unchanged).
  for (const m of materials) {
    if (m.arrived && m.arrived.n > 0 && !byItem.has(m.itemKey)) {
      byItem.set(m.itemKey, { itemKey: m.itemKey, title: m.title, from: m.status, to: m.status, lastChangeOn: m.arrived.on, note: null, onlyFiles: true });
    }
  }
  return [...byItem.values()]
    .map((l) => {
      const files = filesOf.get(l.itemKey) ?? 0;
      const arrived = arrivedOf.get(l.itemKey)?.n ?? 0;
      return { ...l, note: l.to === 'correction' ? (noteOf.get(l.itemKey) ?? null) : null, ...(files > 0 ? { files } : {}), ...(arrived > 0 ? { filesArrived: arrived } : {}) };
    })
    .sort((a, b) => (order.get(a.itemKey) ?? 1e9) - (order.get(b.itemKey) ?? 1e9));
}

/**
 * A suggested "next steps" text (Chinese, numbered lines) from a summary: items to correct, items still to collect
 * (at most {@link WEEKLY_RULES.chatMissingMax} named), the upcoming deadlines; else "keep going in <stage>".
 * @example '1. 按补正要求重新提供：场地消防备案证明\n2. 继续收集材料：营业执照副本复印件 等3项\n3. 12-05 前：办公场地租赁合同（材料截止）\n4. 12-07 09:30 现场核查'
 */
export function suggestNextSteps(s: Pick<ClientWeekSummary, 'missing' | 'upcoming' | 'stage'>): string {
  const open = s.upcoming.items.filter((u) => u.date >= s.upcoming.asOf || u.overdueDays > 0);
  const lines: string[] = [];
  const names = (xs: Array<{ title: string }>) => {
    const max = WEEKLY_RULES.chatMissingMax;
    const head = xs.slice(0, max).map((x) => x.title).join('；');
    return xs.length > max ? `${head} 等${xs.length}项` : head;
  };
  const correction = s.missing.filter((m) => m.status === 'correction');
  const toCollect = s.missing.filter((m) => m.status === 'missing');
  if (correction.length) lines.push(`按补正要求重新提供：${names(correction)}`);
  if (toCollect.length) lines.push(`继续收集材料：${names(toCollect)}`);
  for (const u of open.slice(0, 3)) lines.push(u.source === 'inspection' ? deadlineLine(u) : u.overdueDays > 0 ? `尽快办理：${deadlineLine(u, false)}` : `${mmdd(u.date)} 前：${deadlineLine(u, false)}`);
  if (!lines.length) lines.push(`按计划推进“${stageZh(s.stage)}”阶段工作`);
  return lines.map((l, i) => `${i + 1}. ${l}`).join('\n');
}
