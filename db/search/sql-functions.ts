/**
 * SQL functions the search index triggers call (0050-search): every connection that writes clients or notes must
 * have them, so {@link openDatabase} registers them on each connection it opens. Pure and deterministic.
 * - `icp_search_uni(field, …)` → the `uni` token text of the fields (see grams.ts)
 * - `icp_search_bi(field, …)` → the `bi` token text of the fields
 * - `icp_search_has(text, term, …)` → 1 when every normalised term is a substring of the normalised text, else 0
 *   (the check of a notes search's 3+ character terms on its candidates, 0160)
 * - `icp_sort_key(value, person)` → the pinyin sort key of a name (person 0) or a consultant (1), db/sort-keys.ts
 *   (0070's triggers)
 */
import type Database from 'better-sqlite3';
import { biTokens, textHasTerms, uniTokens } from './grams';
import { pinyinSortKey } from '../sort-keys';

const asText = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Registers the search functions on `db` (idempotent: registering again replaces them). */
export function registerSearchFunctions(db: Database.Database): void {
  const opts = { deterministic: true, varargs: true } as const;
  db.function('icp_search_uni', opts, (...fields: unknown[]) => uniTokens(fields.map(asText)));
  db.function('icp_search_bi', opts, (...fields: unknown[]) => biTokens(fields.map(asText)));
  db.function('icp_search_has', opts, (text: unknown, ...terms: unknown[]) => (textHasTerms(asText(text) ?? '', terms.map((x) => String(x))) ? 1 : 0));
  registerSortKeyFunctions(db);
}

/** Registers `icp_sort_key` (0070) on `db`; idempotent. */
export function registerSortKeyFunctions(db: Database.Database): void {
  db.function('icp_sort_key', { deterministic: true }, (value: unknown, person: unknown) => pinyinSortKey(asText(value), Number(person) === 1));
}
