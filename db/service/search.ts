/**
 * Chinese search over clients: name, USCC, legal representative, contact, phone, platform name and domain.
 * Text is normalised the same way on write and on query (full-width → ASCII, lower case). Terms of 3+ characters
 * use the FTS5 trigram index; 1–2 character terms (太原, 晋) use LIKE on the same normalised column, because
 * trigram returns nothing for them. Space-separated terms mean AND. LIKE wildcards in a term are taken literally.
 */
import { toHalfWidth } from '../../shared/domain/text';

/** Field separator inside search_text: no query term can contain it, so no match spans two fields. */
const SEP = '\u001f';

/** Normalises text for search (write and query side alike): half-width, lower case. */
export function normalizeForSearch(s: string): string {
  return toHalfWidth(s).toLowerCase();
}

/** Builds the clients.search_text value from a client's searchable fields (nulls skipped). */
export function buildSearchText(fields: Array<string | null | undefined>): string {
  return normalizeForSearch(fields.filter((f): f is string => !!f).join(SEP));
}

/** Splits a query into normalised, de-duplicated terms. */
export function searchTerms(q: string): string[] {
  return [...new Set(normalizeForSearch(q).split(/\s+/).filter(Boolean))];
}

/**
 * SQL conditions (ANDed) and parameters matching every term against `clients`. Uses `clients.id IN (fts)` for
 * long terms and an escaped LIKE for short ones.
 */
export function searchConditions(terms: string[]): { sql: string[]; params: unknown[] } {
  const sql: string[] = [];
  const params: unknown[] = [];
  for (const t of terms) {
    if ([...t].length >= 3) {
      sql.push('clients.id IN (SELECT rowid FROM clients_fts WHERE clients_fts MATCH ?)');
      params.push(`"${t.replace(/"/g, '""')}"`);
    } else {
      sql.push("clients.search_text LIKE ? ESCAPE '\\'");
      params.push(`%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
  }
  return { sql, params };
}
