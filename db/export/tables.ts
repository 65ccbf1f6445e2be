/**
 * The data tables of a database, read from its schema (so tables added by later features are included without
 * changes here): every ordinary table except SQLite's own (`sqlite_*`) and the shadow tables of virtual tables
 * (full-text indexes, rebuilt from their content tables) and {@link DERIVED_TABLES}. In creation order, which is also dependency order.
 */
import type { DB } from '../open';

/** One column: name and declared type ('INTEGER', 'TEXT', 'REAL', 'BLOB', 'ANY' in STRICT tables). */
export interface ColumnInfo {
  name: string;
  type: string;
}

/** One data table and its columns, in declaration order. */
export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
}

/** Quotes an SQL identifier. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Tables derived from the data and rebuilt from it (the materialised due dates, 0070; the client counts, 0140; the annual-report counts, 0170; the renewal counts, 0200): not
 * exported, not counted as data; an import marks every client for recomputation / recounts instead.
 */
export const DERIVED_TABLES: readonly string[] = ['due_dates', 'due_dirty', 'client_counts', 'annual_counts', 'renewal_counts'];

/**
 * Tables rebuilt by a migration (so created anew, last): table → the table it followed when first created, placed in
 * this order. events: 0180, 0190; materials, notes: 0190.
 */
const REBUILT_TABLES: Readonly<Record<string, string>> = { materials: 'material_template', notes: 'materials', events: 'notes' };

/** The data tables of `db` (see module comment). */
export function dataTables(db: DB): TableInfo[] {
  const names = db
    .prepare(
      `SELECT m.name FROM sqlite_master m JOIN pragma_table_list t ON t.name = m.name AND t.schema = 'main'
        WHERE m.type = 'table' AND t.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY m.rowid`,
    )
    .all() as { name: string }[];
  // A table a migration rebuilt is listed at its first creation's place (sheet order of the xlsx export).
  for (const [name, after] of Object.entries(REBUILT_TABLES)) {
    const i = names.findIndex((n) => n.name === name);
    const j = names.findIndex((n) => n.name === after);
    if (i > j + 1 && j >= 0) names.splice(j + 1, 0, ...names.splice(i, 1));
  }
  return names.filter(({ name }) => !DERIVED_TABLES.includes(name)).map(({ name }) => ({
    name,
    columns: (db.prepare('SELECT name, type FROM pragma_table_info(?)').all(name) as ColumnInfo[]).map((c) => ({ name: c.name, type: c.type.toUpperCase() })),
  }));
}

/** Virtual tables (full-text indexes) and their SQL: rebuilt after a bulk import. */
export function virtualTables(db: DB): { name: string; sql: string }[] {
  return db.prepare("SELECT m.name, m.sql FROM sqlite_master m JOIN pragma_table_list t ON t.name = m.name AND t.schema = 'main' WHERE t.type = 'virtual'").all() as { name: string; sql: string }[];
}

/** Row count of every data table, by name. */
export function rowCounts(db: DB): Map<string, number> {
  return new Map(dataTables(db).map((t) => [t.name, (db.prepare(`SELECT count(*) AS n FROM ${ident(t.name)}`).get() as { n: number }).n]));
}
