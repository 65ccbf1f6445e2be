/**
 * Generates a realistic register for benchmarks and search tests, deterministically from a seed: N clients over the
 * 11 cities (names, USCCs with valid check characters, contacts, platforms, domains, consultants), each with the
 * 17-item materials checklist and its status history (events), 20 progress notes in Chinese, stage history; plus
 * site inspections and licences when those tables exist (other features create them; this never does).
 * Writes with direct prepared statements in one transaction; the search index is built once at the end
 * (withDeferredSearchIndex), as a spreadsheet import does.
 */
import type Database from 'better-sqlite3';
import { storedAt, storedKind } from '../db/service/event-columns';
import { STORED_ON_SQL_0190, STORED_VALUE_SQL_0190 } from '../db/migrations/0190-compact-codes';
import { MATERIAL_TITLE_KINDS_0180 } from '../db/migrations/0180-compact-events';
import { CITIES } from '../shared/domain/cities';
import { INDUSTRIES } from '../shared/domain/industries';
import { DEFAULT_MATERIAL_TEMPLATE, MATERIAL_DONE_STATUSES, type MaterialStatus } from '../shared/domain/materials';
import { STAGE_KEYS, type StageKey } from '../shared/domain/stages';
import { usccCheckChar, USCC_CHARSET } from '../shared/domain/uscc';
import { buildSearchText } from '../db/service/search';
import { withDeferredSearchIndex } from '../db/search/bulk';
import { fillOptionalTable, type OptionalTableResult } from './optional-tables';
import * as V from './vocab';
import { noteExcerpt } from '../db/service/notes';

/** A small fast deterministic PRNG (mulberry32) with helpers. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  return { next, int, pick, chance: (p: number) => next() < p };
}
/** The generator returned by {@link rng}. */
export type Rng = ReturnType<typeof rng>;

/** What to generate: `clients` (required), the seed, notes per client (20), the data's "now", the active share, optional rows. */
export interface GenerateOptions {
  clients: number;
  seed?: number;
  notesPerClient?: number;
  /** "Now" of the generated data (default 2026-11-27T02:00:00Z, a Friday). */
  now?: Date;
  /** Share of clients still in an active stage (not 后续管理); default 0.015 (300 of 20,000). */
  activeShare?: number;
  inspections?: number;
  licences?: number;
  /** Called about every 2 % of the clients written, with clients written and the total (progress for large runs). */
  onProgress?: (done: number, total: number) => void;
  /** Called when the rows are written and the indexes are being built (minutes at 100,000 clients). */
  onIndexing?: () => void;
}

/** Row counts written, what happened to the optional tables, and the time taken (ms). */
export interface GenerateReport {
  clients: number;
  materials: number;
  events: number;
  notes: number;
  inspections: OptionalTableResult;
  licences: OptionalTableResult;
  ms: number;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => iso(ms).slice(0, 10);
const ACTIVE_STAGES: StageKey[] = STAGE_KEYS.filter((s) => s !== 'aftercare');

/** A valid 18-character USCC for city `cityCode` (4 digits), unique per `serial`. */
export function makeUscc(cityCode: string, district: number, serial: number, r: Rng): string {
  let body = '';
  let n = serial;
  for (let i = 0; i < 5; i++) {
    body = USCC_CHARSET[n % 31] + body;
    n = Math.floor(n / 31);
  }
  const first17 = `91${cityCode}${String(district).padStart(2, '0')}MA${r.pick([...USCC_CHARSET])}${r.pick([...USCC_CHARSET])}${body}`;
  return first17 + usccCheckChar(first17);
}

function person(r: Rng): string {
  return r.pick(V.SURNAMES) + r.pick(V.GIVEN) + (r.chance(0.6) ? r.pick(V.GIVEN) : '');
}

function noteBody(r: Rng): string {
  const parts: string[] = [];
  const n = r.int(2, 5);
  for (let i = 0; i < n; i++) {
    parts.push(
      r.pick(V.NOTE_SENTENCES)
        .replace('{m}', r.pick(V.MATERIAL_WORDS))
        .replace('{p}', person(r))
        .replace('{d}', r.pick(V.WEEKDAYS))
        .replace('{n}', String(r.int(3, 500))),
    );
  }
  return parts.join('');
}

/** The path of statuses from 待收集 to `final` (with an occasional correction loop once submitted). */
function statusPath(final: MaterialStatus, r: Rng): MaterialStatus[] {
  const order: MaterialStatus[] = ['missing', 'received', 'checked', 'submitted', 'accepted'];
  if (final === 'correction') return ['missing', 'received', 'checked', 'submitted', 'correction'];
  const path = order.slice(0, order.indexOf(final) + 1);
  if (order.indexOf(final) >= 3 && r.chance(0.1)) path.splice(4, 0, 'correction', 'received', 'checked', 'submitted');
  return path;
}

function finalStatus(stage: StageKey, group: string, r: Rng): MaterialStatus {
  switch (stage) {
    case 'consultation': return 'missing';
    case 'materials': return r.pick(['missing', 'missing', 'received', 'checked'] as const);
    case 'pre_application': return group === 'A' ? 'submitted' : r.pick(['received', 'checked', 'checked'] as const);
    case 'formal_submission': return group === 'A' ? 'accepted' : r.pick(['submitted', 'submitted', 'correction', 'accepted'] as const);
    default: return 'accepted';
  }
}

/**
 * Runs `fn` (inside the caller's transaction) with the secondary indexes of `tables` and their due-date marking
 * triggers dropped, then creates them again from their saved SQL. Building an index once from the finished table is
 * several times cheaper than keeping it up to date row by row (2 million events at 100,000 clients). The data
 * written is the same; the due-date marks are not lost because inserting a client marks it (due_mark_clients_ai),
 * and every row written here belongs to a client inserted here. Unique constraints (autoindexes) stay.
 */
export function withDeferredIndexes<T>(db: Database.Database, tables: readonly string[], fn: () => T): T {
  const list = JSON.stringify(tables);
  const saved = db
    .prepare(`SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN (SELECT value FROM json_each(?)) AND sql IS NOT NULL
      AND (type = 'index' OR (type = 'trigger' AND name LIKE 'due\_mark\_%' ESCAPE '\\'))`)
    .all(list) as Array<{ type: 'index' | 'trigger'; name: string; sql: string }>;
  for (const o of saved) db.exec(`DROP ${o.type.toUpperCase()} ${o.name}`);
  const result = fn();
  for (const o of saved) db.exec(o.sql);
  return result;
}

/**
 * Fills an empty, migrated database. Throws if `clients` is not empty.
 * @returns row counts, what happened to the optional tables, and the time taken (ms)
 */
export function generateRegister(db: Database.Database, opts: GenerateOptions): GenerateReport {
  const t0 = performance.now();
  const r = rng(opts.seed ?? 20261127);
  const now = (opts.now ?? new Date('2026-11-27T02:00:00Z')).getTime();
  const notesPer = opts.notesPerClient ?? 20;
  const n = opts.clients;
  const activeFrom = Math.floor(n * (1 - (opts.activeShare ?? 0.015)));
  if ((db.prepare('SELECT count(*) n FROM clients').get() as { n: number }).n) throw new Error('generateRegister needs an empty database');

  const insClient = db.prepare(`INSERT INTO clients (id, name, uscc, uscc_valid, city, district, address, industry, platform_name, domain,
      business_scope, legal_rep, contact_name, contact_phone, capital_yuan, founded, office_area_m2, insured_staff, consultant, remark,
      stage, stage_since, materials_done, materials_total, last_note_date, search_text, created_at, updated_at)
    VALUES (@id, @name, @uscc, 1, @city, @district, @address, @industry, @platformName, @domain, @businessScope, @legalRep,
      @contactName, @contactPhone, @capitalYuan, @founded, @officeAreaM2, @insuredStaff, @consultant, NULL, @stage, @stageSince,
      @done, @total, @lastNote, @searchText, @createdAt, @updatedAt)`);
  const insMaterial = db.prepare(`INSERT INTO materials (client_id, item_key, group_key, title, hint, sort, status, check_complete,
      check_accurate, check_legible, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insEvent = db.prepare(`INSERT INTO events (client_id, at, on_code, kind_code, subject, subject_title, old_code, new_code)
      VALUES (@c, @at, ${STORED_ON_SQL_0190('@on', '@at')}, @k, @s, @t, ${STORED_VALUE_SQL_0190('@o')}, ${STORED_VALUE_SQL_0190('@n')})`);
  const insNote = db.prepare('INSERT INTO notes (client_id, note_date, body, created_ms, updated_ms) VALUES (?, ?, ?, ?, ?)');
  const template = DEFAULT_MATERIAL_TEMPLATE;
  const start = Date.parse('2015-01-05T02:00:00Z');
  const counts = { materials: 0, events: 0, notes: 0 };
  const event = (clientId: number, at: number, kind: string, subject: string | null, title: string | null, oldV: string | null, newV: string | null) => {
    // Stored as recordEvent stores it (0180; 0190: kind, status and stage as codes, the day only where it is not the day of `at`): the instant as milliseconds, a material's title (the template's,
    // which is the generated item's) and a note's excerpt (of the note as generated, never edited) not copied.
    insEvent.run({ c: clientId, at: storedAt(new Date(at)), on: day(at + 8 * 3600_000), k: storedKind(kind), s: subject, t: MATERIAL_TITLE_KINDS_0180.includes(kind as never) ? null : title, o: oldV, n: kind === 'note.create' ? null : newV });
    counts.events++;
  };

  // A large page cache while writing: the search index and events' indexes otherwise spill to disk on every flush.
  const cacheSize = db.pragma('cache_size', { simple: true });
  db.pragma('cache_size = -262144');
  withDeferredSearchIndex(db, () => withDeferredIndexes(db, ['events', 'materials', 'notes'], () => {
    const step = Math.max(1000, Math.ceil(n / 50));
    for (let i = 0; i < n; i++) {
      if (i > 0 && i % step === 0) opts.onProgress?.(i, n);
      const id = i + 1;
      const active = i >= activeFrom;
      // Older clients spread over ten years; active ones were taken on in the last 16 weeks.
      const created = active
        ? now - 112 * DAY + Math.floor(((i - activeFrom) / Math.max(1, n - activeFrom)) * 100 * DAY) + r.int(0, 8 * 3600_000)
        : start + Math.floor((i / Math.max(1, activeFrom)) * (now - 140 * DAY - start)) + r.int(0, 8 * 3600_000);
      const end = active ? now - r.int(0, 3) * DAY : Math.min(now - 30 * DAY, created + r.int(120, 400) * DAY);
      const city = CITIES[i % CITIES.length];
      const industry = r.pick(INDUSTRIES);
      const brand = r.pick(V.BRANDS);
      const prefix = r.chance(0.4) ? '山西' : r.chance(0.5) ? city.short : '';
      const name = `${prefix}${brand}${r.chance(0.3) ? r.pick(V.BRANDS) : ''}${r.pick(V.TRADES[industry])}${r.pick(V.SUFFIXES)}`;
      const district = r.int(1, 30);
      const uscc = makeUscc(city.code, district, id, r);
      const stage: StageKey = active ? r.pick(ACTIVE_STAGES) : 'aftercare';
      const stageNo = STAGE_KEYS.indexOf(stage);
      const platformName = r.chance(0.9) ? `${brand}${r.pick(V.PLATFORM_ENDS)}` : null;
      const domain = r.chance(0.85) ? `${r.pick(V.SYLLABLES)}${r.pick(V.SYLLABLES)}${r.chance(0.3) ? r.int(1, 999) : ''}${r.pick(V.TLDS)}` : null;
      const legalRep = person(r);
      const contactName = r.chance(0.7) ? person(r) : legalRep;
      const contactPhone = `1${r.pick(['3', '5', '7', '8', '9'])}${String(r.int(0, 999_999_999)).padStart(9, '0')}`;
      const consultant = r.pick(V.CONSULTANTS);

      // Materials: final statuses first (the client row carries the progress figure), history after the client row.
      const span = Math.max(DAY, end - created);
      const finals = template.map((t) => finalStatus(stage, t.group, r));
      const done = finals.filter((f) => MATERIAL_DONE_STATUSES.includes(f)).length;
      const noteAt = (k: number) => created + Math.floor((span * (k + 1)) / notesPer);
      const lastNote = notesPer ? day(noteAt(notesPer - 1) + 8 * 3600_000) : null;
      insClient.run({
        id, name, uscc, city: city.name, district: `${r.pick(['小店', '迎泽', '杏花岭', '万柏林', '尖草坪', '晋源', '城区', '郊区'])}区`,
        address: `${city.name}${r.pick(V.BRANDS)}路${r.int(1, 300)}号`, industry, platformName, domain,
        businessScope: '第二类增值电信业务中的信息服务业务（仅限互联网信息服务）', legalRep, contactName, contactPhone,
        capitalYuan: r.int(10, 5000) * 10_000, founded: day(created - r.int(400, 4000) * DAY), officeAreaM2: r.int(40, 400),
        insuredStaff: r.int(2, 60), consultant, stage, stageSince: day(end), done, total: template.length, lastNote,
        searchText: buildSearchText([name, uscc, legalRep, contactName, contactPhone, platformName, domain]),
        createdAt: iso(created), updatedAt: iso(end),
      });
      template.forEach((t, k) => {
        const final = finals[k];
        const path = statusPath(final, r);
        const checked = MATERIAL_DONE_STATUSES.includes(final) ? 1 : 0;
        let at = created + Math.floor(span * 0.05) + k * 3600_000;
        for (let s = 1; s < path.length; s++) {
          at += Math.floor((span * 0.8) / path.length) + r.int(0, 6 * 3600_000);
          event(id, at, 'material.status', t.key, t.title, path[s - 1], path[s]);
        }
        insMaterial.run(id, t.key, t.group, t.title, t.hint, (k + 1) * 10, final, checked, checked, checked, storedAt(new Date(path.length > 1 ? at : created)));
        counts.materials++;
      });
      event(id, created, 'client.create', null, null, null, name);
      event(id, created, 'stage', null, null, null, 'consultation');
      for (let s = 1; s <= stageNo; s++) event(id, created + Math.floor((span * s) / (stageNo + 1)), 'stage', null, null, STAGE_KEYS[s - 1], STAGE_KEYS[s]);

      // Progress notes, spread evenly from taking the client on to the end of active work.
      for (let k = 0; k < notesPer; k++) {
        const at = noteAt(k);
        const body = noteBody(r);
        const noteId = insNote.run(id, day(at + 8 * 3600_000), body, storedAt(new Date(at)), storedAt(new Date(at))).lastInsertRowid;
        event(id, at, 'note.create', String(noteId), null, null, noteExcerpt(body));
        counts.notes++;
      }
    }
    opts.onIndexing?.();
  }));
  db.pragma(`cache_size = ${Number(cacheSize)}`);
  const inspections = fillOptionalTable(db, 'inspections', opts.inspections ?? Math.round(n / 4), { count: n }, r);
  const licences = fillOptionalTable(db, 'licences', opts.licences ?? Math.round((n * 2) / 5), { count: n }, r);
  return { clients: n, ...counts, inspections, licences, ms: performance.now() - t0 };
}
