/**
 * Builds one client's weekly summary from the dated facts the database gives (pure): the week's events and notes,
 * the checklist as it stood at the end of the week, the upcoming items, and the saved "next steps" if any. When the
 * consultant has not written next steps for the week, a suggestion is derived from the same facts (so it is as
 * reproducible as the rest).
 */
import { MATERIAL_DONE_STATUSES, type MaterialStatus } from '../domain/materials';
import type { StageKey } from '../domain/stages';
import type { IsoWeek } from '../domain/weeks';
import { mmdd, stageZh } from './weekly-labels';
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
  upcoming: UpcomingItem[];
  nextSteps: { body: string; updatedAt: string } | null;
}

const byDateThenOrder = <T extends { on: string }>(xs: T[]) => xs.map((x, i) => ({ x, i })).sort((a, b) => (a.x.on < b.x.on ? -1 : a.x.on > b.x.on ? 1 : a.i - b.i)).map((e) => e.x);

/**
 * Assembles a {@link ClientWeekSummary}. Stage moves are 'stage' events with an old value (creation is not a move);
 * material changes are 'material.status' events; "missing" = items 待收集 or 需补正 at the week's end; progress counts
 * {@link MATERIAL_DONE_STATUSES}. Notes keep date order (then input order).
 */
export function buildClientWeekSummary(raw: RawClientWeek): ClientWeekSummary {
  const events = byDateThenOrder(raw.events);
  const stageMoves = events
    .filter((e) => e.kind === 'stage' && e.oldValue && e.newValue && e.oldValue !== e.newValue)
    .map((e) => ({ on: e.on, from: e.oldValue as StageKey, to: e.newValue as StageKey }));
  const materialChanges = events
    .filter((e) => e.kind === 'material.status' && e.oldValue && e.newValue)
    .map((e) => ({ on: e.on, itemKey: e.subject ?? '', title: e.subjectTitle ?? e.subject ?? '', from: e.oldValue as MaterialStatus, to: e.newValue as MaterialStatus }));
  const materials = [...raw.materials].sort((a, b) => a.sort - b.sort);
  const missing = materials
    .filter((m) => m.status === 'missing' || m.status === 'correction')
    .map((m) => ({ itemKey: m.itemKey, title: m.title, status: m.status, dueDate: m.dueDate }));
  const notes = raw.notes.map((n, i) => ({ n, i })).sort((a, b) => (a.n.date < b.n.date ? -1 : a.n.date > b.n.date ? 1 : a.i - b.i)).map((e) => e.n);
  const win = upcomingWindow(raw.week);
  const base: Omit<ClientWeekSummary, 'nextSteps'> = {
    week: weekInfo(raw.week),
    generatedOn: raw.generatedOn,
    client: raw.client,
    stage: raw.stage,
    stageMoves,
    notes,
    materialChanges,
    progress: { done: materials.filter((m) => MATERIAL_DONE_STATUSES.includes(m.status)).length, total: materials.length },
    missing,
    upcoming: { ...win, items: raw.upcoming.filter((u) => u.date >= win.from && u.date <= win.to) },
  };
  const saved = raw.nextSteps && raw.nextSteps.body.trim() ? raw.nextSteps : null;
  return {
    ...base,
    nextSteps: saved ? { text: saved.body, saved: true, updatedAt: saved.updatedAt } : { text: suggestNextSteps(base), saved: false, updatedAt: null },
  };
}

/**
 * A suggested "next steps" text (Chinese, numbered lines) from a summary: items to correct, items still to collect
 * (at most {@link WEEKLY_RULES.chatMissingMax} named), the upcoming deadlines; else "keep going in <stage>".
 * @example '1. 按补正要求重新提供：场地消防备案证明\n2. 继续收集材料：营业执照副本复印件 等3项\n3. 12-05 前：办公场地租赁合同（材料截止）'
 */
export function suggestNextSteps(s: Pick<ClientWeekSummary, 'missing' | 'upcoming' | 'stage'>): string {
  const lines: string[] = [];
  const names = (xs: Array<{ title: string }>) => {
    const max = WEEKLY_RULES.chatMissingMax;
    const head = xs.slice(0, max).map((x) => x.title).join('、');
    return xs.length > max ? `${head} 等${xs.length}项` : head;
  };
  const correction = s.missing.filter((m) => m.status === 'correction');
  const toCollect = s.missing.filter((m) => m.status === 'missing');
  if (correction.length) lines.push(`按补正要求重新提供：${names(correction)}`);
  if (toCollect.length) lines.push(`继续收集材料：${names(toCollect)}`);
  for (const u of s.upcoming.items.slice(0, 3)) lines.push(`${mmdd(u.date)} 前：${u.title}（${u.sourceLabel}）`);
  if (!lines.length) lines.push(`按计划推进“${stageZh(s.stage)}”阶段工作`);
  return lines.map((l, i) => `${i + 1}. ${l}`).join('\n');
}
