/**
 * The roll-up (周报汇总): one row per active client for a week, derived from that client's summary (pure), plus the
 * roll-up's filters and sort orders. Headline rule (issue): the most recent note of the week; else a summary of the
 * week's recorded changes; else '本周无记录'. A client without a note dated in the week is flagged (`noNote`).
 */
import { STAGES, type StageKey } from '../domain/stages';
import { CITY_NAMES } from '../domain/cities';
import type { MaterialStatus } from '../domain/materials';
import { headlineChangesZh, joinLines, milestoneZh, WEEKLY_ZH } from './weekly-labels';
import { WEEKLY_RULES, type ClientWeekSummary, type HeadlineChanges, type MilestoneRef, type RollupRow, type RollupSortField } from './weekly-model';
import { truncateText } from '../domain/text';

/** Order in which change counts are listed in a headline (the forward lifecycle, spec §4). */
const CHANGE_ORDER: readonly MaterialStatus[] = ['received', 'checked', 'submitted', 'correction', 'accepted', 'missing'];


/**
 * One line of text: line breaks joined ({@link joinLines}), runs of spaces collapsed, cut to `max` user-perceived
 * characters (grapheme clusters: an emoji with modifiers, a letter with combining marks, a surrogate pair count one)
 * with '…' as the last of them. Never splits a surrogate pair or a cluster.
 * @example oneLine('a👍🏽b', 2) → 'a…'
 */
export function oneLine(s: string, max: number): string {
  const flat = joinLines(s).replace(/\s+/g, ' ').trim();
  return truncateText(flat, max);
}

/**
 * The roll-up headline of a summary: its Chinese text (reports) and, when made of changes, the changes as codes +
 * params (`changes`, for the UI's language; null otherwise).
 * @example note → '材料已初审通过，需补充场地消防证明'; changes → '阶段：材料准备 → 线上预申请；材料：已收到2项、已提交1项' (items
 * counted once, by their status at the week's end)
 */
export function headlineOf(s: Pick<ClientWeekSummary, 'notes' | 'stageMoves' | 'materialLines'>): { text: string; source: RollupRow['headlineSource']; changes: HeadlineChanges | null } {
  if (s.notes.length) return { text: oneLine(s.notes[s.notes.length - 1].body, WEEKLY_RULES.headlineMaxChars), source: 'note', changes: null };
  const changes = headlineChangesOf(s);
  if (changes) return { text: headlineChangesZh(changes), source: 'changes', changes };
  return { text: WEEKLY_ZH.headlineNone, source: 'none', changes: null };
}

/** The week's changes a headline names ({@link HeadlineChanges}), or null when there are none. */
export function headlineChangesOf(s: Pick<ClientWeekSummary, 'stageMoves' | 'materialLines'>): HeadlineChanges | null {
  const stages = s.stageMoves.length ? [s.stageMoves[0].from, ...s.stageMoves.map((m) => m.to)] : [];
  const changed = s.materialLines.filter((l) => !l.onlyFiles); // files arriving alone change no status
  // Items by where they ended the week (one per item, not one per intermediate step).
  const counts = new Map<MaterialStatus, number>();
  for (const c of changed) counts.set(c.to, (counts.get(c.to) ?? 0) + 1);
  const materials = CHANGE_ORDER.filter((k) => counts.has(k)).map((status) => ({ status, count: counts.get(status)! }));
  const filesArrived = materials.length ? 0 : s.materialLines.reduce((n, l) => n + (l.filesArrived ?? 0), 0);
  return stages.length || materials.length || filesArrived ? { stages, materials, filesArrived } : null;
}

/** The week's most important milestone in Chinese (reports), see {@link milestoneRefOf}. */
export function milestoneOf(s: Pick<ClientWeekSummary, 'licence' | 'milestones' | 'stageMoves'>): string | null {
  const m = milestoneRefOf(s);
  return m && milestoneZh(m);
}

/** The week's most important milestone as codes + params: the licence, else the acceptance, else the last stage move. */
export function milestoneRefOf(s: Pick<ClientWeekSummary, 'licence' | 'milestones' | 'stageMoves'>): MilestoneRef | null {
  if (s.licence) return { kind: 'licence', on: s.licence.issuedOn, number: s.licence.number, expiresOn: s.licence.expiresOn };
  const accepted = s.milestones.find((m) => m.kind === 'accepted');
  if (accepted) return { kind: 'accepted', on: accepted.on };
  const last = s.stageMoves[s.stageMoves.length - 1];
  return last ? { kind: 'stage', on: last.on, from: last.from, to: last.to } : null;
}

/**
 * The roll-up row of one client's summary. `nextDeadline` is the earliest open deadline: overdue ones first (the
 * summary's items are ordered so), else the first dated on or after the as-of day; a past appointment is not one.
 */
export function rollupRowOf(s: ClientWeekSummary): RollupRow {
  const h = headlineOf(s);
  return {
    clientId: s.client.id,
    name: s.client.name,
    city: s.client.city,
    consultant: s.client.consultant,
    stage: s.stage,
    stageMoved: s.stageMoves.length > 0,
    progress: s.progress,
    headline: h.text,
    headlineSource: h.source,
    headlineChanges: h.changes,
    noteCount: s.notes.length,
    changeCount: s.materialLines.length + s.stageMoves.length,
    noNote: s.notes.length === 0,
    nextDeadline: s.upcoming.items.find((u) => u.overdueDays > 0 || u.date >= s.upcoming.asOf) ?? null,
    correctionCount: s.missing.filter((m) => m.status === 'correction').length,
    overdueCount: s.upcoming.items.filter((u) => u.overdueDays > 0 && u.time === null).length,
    milestone: milestoneOf(s),
    milestoneRef: milestoneRefOf(s),
  };
}

/** Roll-up filters: null = all. Matching is exact (city name, stage key, consultant name). */
export function filterRollupRows(rows: readonly RollupRow[], f: { city: string | null; stage: StageKey | null; consultant: string | null }): RollupRow[] {
  return rows.filter((r) => (f.city === null || r.city === f.city) && (f.stage === null || r.stage === f.stage) && (f.consultant === null || r.consultant === f.consultant));
}

const collator = new Intl.Collator('zh-CN');
const stageNo = (k: StageKey) => STAGES.find((s) => s.key === k)?.no ?? 99;
const str = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : collator.compare(a, b));

/** Division-code rank of a city (spec §2 table, as the register sorts); unknown cities last, among them by pinyin. */
const cityRank = (c: string) => {
  const i = (CITY_NAMES as readonly string[]).indexOf(c);
  return i < 0 ? CITY_NAMES.length : i;
};
const byCity = (a: RollupRow, b: RollupRow) => cityRank(a.city) - cityRank(b.city) || collator.compare(a.city, b.city);

/**
 * The roll-up's default order (README, spec §9): most overdue deadlines first, then most 需补正 items, then city in
 * division-code order (太原市 1401 … 吕梁市 1411, as the register sorts), then name in pinyin order, then id. Used
 * alike by the screen, the preview / PDF and the Excel export (all read weekly.rollup). A comparator: < 0 = a first.
 */
export function compareRollupAttention(a: RollupRow, b: RollupRow): number {
  return b.overdueCount - a.overdueCount || b.correctionCount - a.correctionCount || byCity(a, b) || collator.compare(a.name, b.name) || a.clientId - b.clientId;
}

const COMPARE: Record<RollupSortField, (a: RollupRow, b: RollupRow) => number> = {
  attention: compareRollupAttention,
  name: (a, b) => collator.compare(a.name, b.name),
  city: byCity,
  stage: (a, b) => stageNo(a.stage) - stageNo(b.stage),
  consultant: (a, b) => str(a.consultant, b.consultant),
  progress: (a, b) => a.progress.done / Math.max(1, a.progress.total) - b.progress.done / Math.max(1, b.progress.total) || a.progress.done - b.progress.done,
  nextDeadline: (a, b) => str(a.nextDeadline?.date ?? null, b.nextDeadline?.date ?? null),
  noNote: (a, b) => Number(b.noNote) - Number(a.noNote),
  corrections: (a, b) => b.correctionCount - a.correctionCount,
  overdue: (a, b) => b.overdueCount - a.overdueCount,
};

/**
 * Sorts roll-up rows by `field` ('attention': see {@link compareRollupAttention}; ascending: A→Z in pinyin order, stage 1→7, least progress first, earliest deadline
 * first, clients without a note first, most 需补正 items / most overdue deadlines first); ties by name, then id. Missing values (no consultant, no deadline) go last
 * in either direction. Returns a new array.
 */
export function sortRollupRows(rows: readonly RollupRow[], field: RollupSortField, dir: 'asc' | 'desc' = 'asc'): RollupRow[] {
  const sign = dir === 'desc' ? -1 : 1;
  const missing = (r: RollupRow) => (field === 'consultant' && r.consultant === null) || (field === 'nextDeadline' && r.nextDeadline === null);
  return [...rows].sort((a, b) => {
    const ma = missing(a);
    const mb = missing(b);
    if (ma !== mb) return ma ? 1 : -1;
    return sign * COMPARE[field](a, b) || collator.compare(a.name, b.name) || a.clientId - b.clientId;
  });
}
