/**
 * The service-level cases: each is a sequence of contract calls made through `dispatch` (as the UI makes them),
 * timed beside the bare SQL those calls run (captured on a second connection, replayed with prepared statements).
 * Inputs are drawn from the generated data with a seeded generator, and cycled through the runs.
 */
import type Database from 'better-sqlite3';
import { dispatch } from '../db/dispatch';
import type { ServiceContext } from '../db/service/context';
import { CITIES } from '../shared/domain/cities';
import { STAGE_KEYS } from '../shared/domain/stages';
import { isoWeekId, isoWeekOf, chinaToday } from '../shared/domain/weeks';
import { METHODS } from '../shared/contract';
import type { Rng } from './generate';
import { replayer, type CapturedSql } from './sql-capture';
import { measure, type Stat } from './stats';

/** One call: contract method and raw input. */
export type Call = [method: string, input: unknown];

/** A measured (or skipped) row of the report. */
export interface CaseResult {
  group: string;
  name: string;
  service: Stat | null;
  bare: Stat | null;
  /** Targets from the issue: p95 in ms and/or service ÷ bare at p95. */
  target?: { p95Ms?: number; ratio?: number };
  note?: string;
  skipped?: string;
}

/** The targets per case group (2-core machine). */
export const TARGETS = {
  list: { p95Ms: 10, ratio: 1.5 },
  filter: { p95Ms: 10, ratio: 1.5 },
  search: { p95Ms: 10, ratio: 1.5 },
  client: { p95Ms: 10, ratio: 1.5 },
  dashboard: { p95Ms: 20 },
  open: { p95Ms: 1000 },
  first_paint: { p95Ms: 1000 },
  weekly: { p95Ms: 300 },
  import: { p95Ms: 5000 },
  renderer_nav: { p95Ms: 1000 },
  renderer_typing: { p95Ms: 100 },
} as const;

export interface CaseContext {
  ctx: ServiceContext;
  /** A context on a second connection whose statements are captured (bench/sql-capture.ts). */
  capture: { ctx: ServiceContext; log: CapturedSql[] };
  r: Rng;
  runs: number;
}

async function call(ctx: ServiceContext, [method, input]: Call): Promise<unknown> {
  const env = await dispatch(ctx, method, input);
  if (!env.ok) throw new Error(`${method}: ${env.error.code} ${env.error.message}`);
  return env.value;
}

/** Measures one read case: every input is a sequence of calls; the bare side replays the statements they ran. */
export async function readCase(cc: CaseContext, group: keyof typeof TARGETS | 'notes', name: string, inputs: Call[][], note?: string): Promise<CaseResult> {
  const target = group === 'notes' ? TARGETS.search : TARGETS[group];
  try {
    const bare: Array<() => void> = [];
    for (const seq of inputs) {
      cc.capture.log.length = 0;
      for (const c of seq) await call(cc.capture.ctx, c);
      bare.push(replayer(cc.ctx.db, cc.capture.log));
    }
    const m = await measure({
      runs: cc.runs,
      inputs: inputs.map((seq, i) => ({ seq, i })),
      service: async ({ seq }) => { for (const c of seq) await call(cc.ctx, c); },
      bare: ({ i }) => bare[i](),
    });
    return { group, name, ...m, target, note };
  } catch (e) {
    return { group, name, service: null, bare: null, target, skipped: e instanceof Error ? e.message : String(e) };
  }
}

/** `n` random substrings of `len` characters (no whitespace) of the texts from `texts()`. */
export function fragments(r: Rng, n: number, len: () => number, texts: () => string[]): string[] {
  const out = new Set<string>();
  for (let guard = 0; out.size < n && guard < n * 50; guard++) {
    const t = r.pick(texts().filter(Boolean));
    const chars = [...t];
    const l = len();
    if (chars.length < l) continue;
    const s = r.int(0, chars.length - l);
    const frag = chars.slice(s, s + l).join('');
    if (!/\s/.test(frag)) out.add(frag);
  }
  return [...out];
}

/** Sample rows of the generated data to draw queries from. */
export function sampleData(db: Database.Database, r: Rng, n = 200) {
  const max = (db.prepare('SELECT max(id) AS m FROM clients').get() as { m: number }).m;
  const ids = Array.from({ length: n }, () => r.int(1, max));
  const clients = ids.map((id) => db.prepare('SELECT id, name, uscc, contact_name, platform_name, domain, contact_phone FROM clients WHERE id = ?').get(id) as Record<string, string | number>);
  const noteMax = (db.prepare('SELECT coalesce(max(id), 0) AS m FROM notes').get() as { m: number }).m;
  const notes = Array.from({ length: n }, () => (db.prepare('SELECT body FROM notes WHERE id = ?').get(r.int(1, Math.max(1, noteMax))) as { body: string } | undefined)?.body ?? '');
  const consultants = (db.prepare('SELECT DISTINCT consultant FROM clients WHERE consultant IS NOT NULL').all() as { consultant: string }[]).map((x) => x.consultant);
  return { ids, clients, notes, consultants };
}

/** The register, client and notes-search cases. */
export async function registerCases(cc: CaseContext): Promise<CaseResult[]> {
  const { r } = cc;
  const data = sampleData(cc.ctx.db, r);
  const names = () => data.clients.map((c) => String(c.name));
  const list = (input: object): Call[] => [['clients.list', { offset: 0, limit: 100, ...input }]];
  const sorts = ['createdAt', 'name', 'city', 'industry', 'stage', 'consultant', 'progress', 'lastNoteDate'].flatMap((sort) => ['asc', 'desc'].map((dir) => list({ sort, dir })));
  const one = (len: number) => fragments(r, 20, () => len, names);
  const long = fragments(r, 20, () => r.int(3, 6), () => [...names(), ...data.clients.map((c) => String(c.platform_name ?? ''))]);
  const usccFrags = fragments(r, 20, () => r.int(5, 8), () => data.clients.map((c) => String(c.uscc).slice(6)));
  const multi = data.clients.slice(0, 20).map((c) => `${[...String(c.name)].slice(0, 2).join('')} ${String(c.contact_name ?? c.name).slice(0, 2)}`);
  const noteFrags = (len: () => number, n = 20) => fragments(r, n, len, () => data.notes);
  const q = (qs: string[]) => qs.map((x) => list({ q: x }));
  const nq = (qs: string[]) => qs.map((x): Call[] => [['notes.search', { q: x, limit: 50 }]]);
  const results: CaseResult[] = [];
  results.push(await readCase(cc, 'list', 'list: first page + counts (clients.list + clients.facets)', [[...list({}), ['clients.facets', {}]]]));
  results.push(await readCase(cc, 'list', 'list: first page, each sort × direction', sorts));
  results.push(await readCase(cc, 'list', 'list: page 20 (scrolled, offset 1,900)', [list({ offset: 1900 })]));
  results.push(await readCase(cc, 'list', 'list: sorted by name (pinyin key, 0070), pages 1 and 20, asc + desc',
    ['asc', 'desc'].flatMap((dir) => [list({ sort: 'name', dir }), list({ sort: 'name', dir, offset: 1900 })]), 'issue 14 target: ≤ 10 ms p95 at 20,000 clients'));
  results.push(await readCase(cc, 'list', 'list: sorted by city (division code, 0070) + consultant (pinyin)', ['city', 'consultant'].map((sort) => list({ sort }))));
  results.push(await readCase(cc, 'filter', 'filter: city (each of 11)', CITIES.map((c) => list({ city: c.name }))));
  results.push(await readCase(cc, 'filter', 'filter: stage (each of 7)', STAGE_KEYS.map((s) => list({ stage: s }))));
  results.push(await readCase(cc, 'filter', 'filter: consultant (each)', data.consultants.map((c) => list({ consultant: c }))));
  results.push(await readCase(cc, 'search', 'search: 1 character (e.g. 晋)', q(['晋', '太', ...one(1)])));
  results.push(await readCase(cc, 'search', 'search: 2 characters (e.g. 太原)', q(['太原', '晋祠', ...one(2)])));
  results.push(await readCase(cc, 'search', 'search: 3–6 characters', q(long)));
  results.push(await readCase(cc, 'search', 'search: USCC fragment', q(usccFrags)));
  results.push(await readCase(cc, 'search', 'search: two terms (AND)', q(multi)));
  results.push(await readCase(cc, 'search', 'search: term in most clients (有限公司, 9114)', q(['有限公司', '9114']), 'worst case: 80–100 % of clients match'));
  results.push(await readCase(cc, 'client', 'open one client (get + materials + notes + timeline + attachments)', data.ids.slice(0, 30).map((id): Call[] => [
    ['clients.get', { id }], ['materials.list', { clientId: id }], ['notes.list', { clientId: id }], ['clients.timeline', { id }], ['attachments.list', { clientId: id }],
  ])));
  results.push(await readCase(cc, 'notes', 'notes search: 1 character', nq(noteFrags(() => 1))));
  results.push(await readCase(cc, 'notes', 'notes search: 2 characters', nq(noteFrags(() => 2))));
  results.push(await readCase(cc, 'notes', 'notes search: 3–6 characters', nq(noteFrags(() => r.int(3, 6)))));
  results.push(await readCase(cc, 'notes', 'notes search: two terms (AND)', nq(noteFrags(() => 2, 10).map((a, i) => `${a} ${noteFrags(() => 3, 10)[i] ?? '材料'}`))));
  return results;
}

/** Contract methods whose name matches `re` (features built on other branches), e.g. dashboard.* */
export function methodsLike(re: RegExp): string[] {
  return METHODS.filter((m) => re.test(m));
}

/** Input shapes tried, in order, for a method whose input this benchmark does not know (the first accepted wins). */
function inputCandidates(today: string): unknown[] {
  const week = isoWeekOf(today);
  return [{}, { week: isoWeekId(week) }, { weekId: isoWeekId(week) }, { week }, { date: today }, { today }];
}

/**
 * The dashboard's queries (every `dashboard.*` method) and the weekly roll-up (a method whose name mentions a
 * roll-up), if this build has them; skipped rows say so otherwise.
 */
export async function optionalCases(cc: CaseContext): Promise<CaseResult[]> {
  const today = chinaToday(cc.ctx.now());
  const out: CaseResult[] = [];
  const probe = async (method: string) => {
    for (const input of inputCandidates(today)) {
      const env = await dispatch(cc.ctx, method, input);
      if (env.ok) return input;
      if (env.error.code !== 'VALIDATION') throw new Error(`${method}: ${env.error.code} ${env.error.message}`);
    }
    throw new Error(`${method}: none of the benchmark's input shapes is accepted`);
  };
  const dash = methodsLike(/^dashboard\./);
  if (!dash.length) out.push({ group: 'dashboard', name: 'dashboard queries', service: null, bare: null, target: TARGETS.dashboard, skipped: 'no dashboard.* method in this build' });
  else {
    try {
      const seq: Call[] = [];
      for (const m of dash) seq.push([m, await probe(m)]);
      out.push(await readCase(cc, 'dashboard', `dashboard (${dash.join(', ')})`, [seq]));
    } catch (e) {
      out.push({ group: 'dashboard', name: 'dashboard queries', service: null, bare: null, target: TARGETS.dashboard, skipped: String(e) });
    }
  }
  const rollup = methodsLike(/roll/i);
  if (!rollup.length) out.push({ group: 'weekly', name: 'weekly roll-up (active clients)', service: null, bare: null, target: TARGETS.weekly, skipped: 'no roll-up method in this build' });
  else {
    try {
      const seq: Call[] = [[rollup[0], await probe(rollup[0])]];
      const active = (cc.ctx.db.prepare("SELECT count(*) AS n FROM clients WHERE stage <> 'aftercare'").get() as { n: number }).n;
      out.push(await readCase(cc, 'weekly', `weekly roll-up (${rollup[0]}, ${active} active clients)`, [seq]));
    } catch (e) {
      out.push({ group: 'weekly', name: 'weekly roll-up', service: null, bare: null, target: TARGETS.weekly, skipped: String(e) });
    }
  }
  return out;
}
