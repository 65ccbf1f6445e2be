/**
 * The roll-up (周报汇总): one row per active client for a week, derived from that client's summary (pure), plus the
 * roll-up's filters and sort orders. Headline rule (issue): the most recent note of the week; else a summary of the
 * week's recorded changes; else '本周无记录'. A client without a note dated in the week is flagged (`noNote`).
 */
import { STAGES, type StageKey } from '../domain/stages';
import type { MaterialStatus } from '../domain/materials';
import { joinLines, stageMovesText, statusZh, WEEKLY_ZH } from './weekly-labels';
import { WEEKLY_RULES, type ClientWeekSummary, type RollupRow, type RollupSortField } from './weekly-model';
import { truncateText } from '../domain/text';

/** Order in which change counts are listed in a headline (the forward lifecycle, spec §4). */
const CHANGE_ORDER: readonly MaterialStatus[] = ['received', 'checked', 'submitted', 'correction', 'accepted', 'missing'];

/** One line of text: line breaks joined ({@link joinLines}), runs of spaces collapsed, cut to `max` characters with '…'. */
export function oneLine(s: string, max: number): string {
  const flat = joinLines(s).replace(/\s+/g, ' ').trim();
  return truncateText(flat, max);
}

/**
 * The roll-up headline of a summary.
 * @example note → '材料已初审通过，需补充场地消防证明'; changes → '阶段：材料准备 → 线上预申请；材料：已收到2项、已核对1项'
 */
export function headlineOf(s: Pick<ClientWeekSummary, 'notes' | 'stageMoves' | 'materialChanges'>): { text: string; source: RollupRow['headlineSource'] } {
  if (s.notes.length) return { text: oneLine(s.notes[s.notes.length - 1].body, WEEKLY_RULES.headlineMaxChars), source: 'note' };
  const parts: string[] = [];
  if (s.stageMoves.length) parts.push(`阶段：${stageMovesText(s.stageMoves)}`);
  if (s.materialChanges.length) {
    const counts = new Map<MaterialStatus, number>();
    for (const c of s.materialChanges) counts.set(c.to, (counts.get(c.to) ?? 0) + 1);
    const text = CHANGE_ORDER.filter((k) => counts.has(k)).map((k) => `${k === 'missing' ? '退回待收集' : statusZh(k)}${counts.get(k)}项`).join('、');
    parts.push(`材料：${text}`);
  }
  if (parts.length) return { text: parts.join('；'), source: 'changes' };
  return { text: WEEKLY_ZH.headlineNone, source: 'none' };
}

/** The roll-up row of one client's summary. `nextDeadline` is the first upcoming item of the summary's window. */
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
    noteCount: s.notes.length,
    changeCount: s.materialChanges.length + s.stageMoves.length,
    noNote: s.notes.length === 0,
    nextDeadline: s.upcoming.items[0] ?? null,
  };
}

/** Roll-up filters: null = all. Matching is exact (city name, stage key, consultant name). */
export function filterRollupRows(rows: readonly RollupRow[], f: { city: string | null; stage: StageKey | null; consultant: string | null }): RollupRow[] {
  return rows.filter((r) => (f.city === null || r.city === f.city) && (f.stage === null || r.stage === f.stage) && (f.consultant === null || r.consultant === f.consultant));
}

const collator = new Intl.Collator('zh-CN');
const stageNo = (k: StageKey) => STAGES.find((s) => s.key === k)?.no ?? 99;
const str = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : collator.compare(a, b));

const COMPARE: Record<RollupSortField, (a: RollupRow, b: RollupRow) => number> = {
  name: (a, b) => collator.compare(a.name, b.name),
  city: (a, b) => collator.compare(a.city, b.city),
  stage: (a, b) => stageNo(a.stage) - stageNo(b.stage),
  consultant: (a, b) => str(a.consultant, b.consultant),
  progress: (a, b) => a.progress.done / Math.max(1, a.progress.total) - b.progress.done / Math.max(1, b.progress.total) || a.progress.done - b.progress.done,
  nextDeadline: (a, b) => str(a.nextDeadline?.date ?? null, b.nextDeadline?.date ?? null),
  noNote: (a, b) => Number(b.noNote) - Number(a.noNote),
};

/**
 * Sorts roll-up rows by `field` (ascending: A→Z in pinyin order, stage 1→7, least progress first, earliest deadline
 * first, clients without a note first); ties by name, then id. Missing values (no consultant, no deadline) go last
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
