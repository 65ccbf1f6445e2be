/**
 * Rows for tables other features own (site inspections, licences): filled only when the table exists, from its
 * declared columns (PRAGMA table_info), never created here. Values follow the column names (client_id, *_date,
 * *_at, licence numbers, …); a table whose constraints these guesses do not satisfy is reported, not fatal.
 */
import type Database from 'better-sqlite3';
import type { Rng } from './generate';
import { writeTransaction } from '../db/tx';

/** What happened to one optional table. */
export type OptionalTableResult =
  | { status: 'absent' }
  | { status: 'filled'; rows: number }
  | { status: 'failed'; error: string };

interface Column { name: string; type: string; notnull: number; dflt_value: unknown; pk: number }

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function valueFor(c: Column, i: number, clientId: number, r: Rng): unknown {
  const n = c.name.toLowerCase();
  const type = c.type.toUpperCase();
  const date = `${r.int(2016, 2026)}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`;
  if (n === 'client_id') return clientId;
  if (/_at$/.test(n)) return `${date}T02:00:00.000Z`;
  if (/(date|_on|day|until|from|expires|issued)$/.test(n) || /^(date|on)$/.test(n)) return date;
  if (/(number|_no|code)$/.test(n) && type.includes('TEXT')) return `晋B2-${r.int(2005, 2026)}${pad(i % 10000, 4)}`;
  if (/time$/.test(n)) return `${pad(r.int(8, 17))}:00`;
  if (type.includes('INT')) return /year/.test(n) ? r.int(2016, 2026) : 0;
  if (type.includes('REAL')) return 0;
  if (/status|state|result/.test(n)) return null; // let the column default or CHECK decide; filled below if NOT NULL
  return `${c.name}-${i}`;
}

/**
 * Inserts `rows` rows into `table` if it exists, one per distinct client (ids 1…clients.count, cycling).
 * Runs in one transaction; on the first failing row everything is rolled back and the error is reported.
 */
export function fillOptionalTable(db: Database.Database, table: string, rows: number, clients: { count: number }, r: Rng): OptionalTableResult {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
  if (!exists) return { status: 'absent' };
  const cols = (db.prepare(`PRAGMA table_info(${JSON.stringify(table)})`).all() as Column[]).filter((c) => !(c.pk && c.type.toUpperCase() === 'INTEGER'));
  const used = cols.filter((c) => c.name === 'client_id' || (c.notnull && c.dflt_value === null) || /date|_at$|number/.test(c.name));
  if (!used.length) return { status: 'failed', error: 'no columns to fill' };
  const sql = `INSERT INTO ${JSON.stringify(table)} (${used.map((c) => JSON.stringify(c.name)).join(', ')}) VALUES (${used.map(() => '?').join(', ')})`;
  try {
    const ins = db.prepare(sql);
    writeTransaction(db, () => {
      for (let i = 0; i < rows; i++) {
        const clientId = 1 + ((i * 7919) % clients.count);
        ins.run(...used.map((c) => {
          const v = valueFor(c, i, clientId, r);
          return v === null && c.notnull ? 'pending' : v;
        }));
      }
    });
    return { status: 'filled', rows };
  } catch (e) {
    return { status: 'failed', error: e instanceof Error ? e.message : String(e) };
  }
}
