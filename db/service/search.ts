/**
 * Search over clients (name, USCC, legal representative, contact, phone, platform name, domain) and over progress
 * notes: exactly the rows where every space-separated term is a case-insensitive substring of one field (after
 * full-width → ASCII), for terms of any length, read from the n-gram indexes `clients_uni` / `clients_bi` and
 * `notes_uni` / `notes_bi` (db/search/grams.ts, migration 0050). Nothing in a term is a wildcard (％, _, % are literal).
 */
import { gramMatch, normalizeForSearch, searchTerms, termGlob } from '../search/grams';

export { normalizeForSearch, searchTerms };

/** Field separator inside clients.search_text (kept for compatibility; search reads the n-gram index). */
const SEP = '\u001f';

/** Builds the clients.search_text value from a client's searchable fields (nulls skipped). No longer read by search. */
export function buildSearchText(fields: Array<string | null | undefined>): string {
  return normalizeForSearch(fields.filter((f): f is string => !!f).join(SEP));
}

/**
 * The ids of the `table` rows ('clients' or 'notes') matching every term, as a query over the n-gram tables:
 * `SELECT rowid AS id FROM <table>_bi WHERE … MATCH ? [AND +rowid IN (SELECT rowid FROM <table>_uni WHERE … MATCH ?)]`
 * (led by the bigram table when a term has 2+ characters: more selective), for notes also
 * a check of its terms of 3+ characters on the note's text (GLOB, or `icp_search_has`) (notes_bi has no positions), with
 * its parameters; null when there is no term.
 */
export function gramIdsSql(table: 'clients' | 'notes' | 'client_extra', terms: readonly string[]): { sql: string; params: string[] } | null {
  // notes_bi keeps no positions (0180): a 3+ character term's bigrams give candidates, checked on the note's text.
  const m = gramMatch(terms, { positions: table !== 'notes' });
  if (m.bi === null && m.uni === null) return null;
  const lead = m.bi !== null ? `${table}_bi` : `${table}_uni`;
  const params = [(m.bi ?? m.uni)!];
  let sql = `SELECT rowid AS id FROM ${lead} WHERE ${lead} MATCH ?`;
  if (m.bi !== null && m.uni !== null) {
    // `+rowid`: filter the lead's matches by the other table's; without the `+` FTS5 would evaluate the lead's
    // MATCH once per id of the other (a rowid constraint), hundreds of times slower.
    sql += ` AND +rowid IN (SELECT rowid FROM ${table}_uni WHERE ${table}_uni MATCH ?)`;
    params.push(m.uni);
  }
  if (m.check.length) {
    // The candidate's text holds each term: a GLOB of the term's raw forms (native, < 1 µs) accepts; where it misses,
    // icp_search_has decides (normalising the text in JS, ~10–20 µs a note).
    const check = m.check.map(() => '(n.body GLOB ? OR icp_search_has(n.body, ?))').join(' AND ');
    sql += ` AND EXISTS (SELECT 1 FROM notes n WHERE n.id = ${lead}.rowid AND ${check})`;
    for (const t of m.check) params.push(termGlob(t), t);
  }
  if (table === 'clients') {
    // A client also matches when every term is in one of its 其他信息 values (client_extra, migration 0070).
    const extra = gramIdsSql('client_extra', terms)!;
    sql = `${sql} UNION SELECT client_id AS id FROM client_extra WHERE id IN (${extra.sql})`;
    params.push(...extra.params);
  }
  return { sql, params };
}

/**
 * SQL conditions (ANDed) and parameters matching every term against `clients`; none when there is no term. For
 * lists other than the register (which builds its own, db/service/client-list.ts).
 */
export function searchConditions(terms: string[]): { sql: string[]; params: unknown[] } {
  const ids = gramIdsSql('clients', terms);
  return ids ? { sql: [`clients.id IN (${ids.sql})`], params: ids.params } : { sql: [], params: [] };
}
