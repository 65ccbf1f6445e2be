/**
 * notes.search: progress notes containing every term (exact, see db/search/grams.ts), most recently written first,
 * with the client's name. The page is read from the n-gram index in rowid order (newest first) and stops at the
 * page's end, so a one-character term found in most notes costs no more than a rare one; the count stops at
 * NOTE_SEARCH_COUNT_CAP.
 */
import type { Out, Parsed } from '../../shared/contract';
import { NOTE_SEARCH_COUNT_CAP } from '../../shared/contracts/search';
import { searchTerms } from '../search/grams';
import { gramIdsSql } from './search';
import type { ServiceContext } from './context';
import { toNoteHit } from './rows';
import { stmt } from './stmt';

/** The matching note ids, newest first (`SELECT rowid AS id … ORDER BY rowid DESC`), or null without terms. */
export function noteMatchSql(q: string): { sql: string; params: string[] } | null {
  const ids = gramIdsSql('notes', searchTerms(q));
  return ids && { sql: `${ids.sql} ORDER BY rowid DESC`, params: ids.params };
}

/** SQL of {@link searchNotes} for a match subquery: the capped count and the page (params: match…, limit, offset). */
export function noteSearchSql(match: string): { count: string; page: string } {
  return {
    count: `SELECT count(*) AS n FROM (${match} LIMIT ${NOTE_SEARCH_COUNT_CAP + 1})`,
    page: `SELECT n.id, n.client_id, c.name AS client_name, n.note_date, n.body
      FROM (${match} LIMIT ? OFFSET ?) AS m JOIN notes n ON n.id = m.id JOIN clients c ON c.id = n.client_id
      ORDER BY n.id DESC`,
  };
}

/** Notes containing every term of `input.q`; an empty query matches nothing. */
export function searchNotes(ctx: ServiceContext, input: Parsed<'notes.search'>): Out<'notes.search'> {
  const match = noteMatchSql(input.q);
  if (!match) return { total: 0, capped: false, rows: [] };
  const sql = noteSearchSql(match.sql);
  const n = (stmt(ctx.db, sql.count).get(...match.params) as { n: number }).n;
  const rows = stmt(ctx.db, sql.page).all(...match.params, input.limit, input.offset) as Array<Record<string, unknown>>;
  return {
    total: Math.min(n, NOTE_SEARCH_COUNT_CAP),
    capped: n > NOTE_SEARCH_COUNT_CAP,
    rows: rows.map(toNoteHit),
  };
}
