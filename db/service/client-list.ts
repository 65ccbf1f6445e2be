/**
 * The client register page (clients.list, clients.facets): filters (city, stage, consultant), exact search terms,
 * eight sorts, offset/limit, and the total.
 *
 * Each page reads an index in one of two ways, chosen from the number of matching clients (counted first, from a
 * covering index or the search index):
 * - sort-index: walk the sort's index (CLIENT_SORT_INDEXES, `INDEXED BY`) in order and keep the matching clients
 *   until the page is full: it visits about (offset + limit) × clients ÷ matches index entries;
 * - filter-first: fetch the matches through the filter's index or the search index and sort just them: about
 *   2 × matches of work.
 * Filter-first is used when matches² < (offset + limit) × clients ÷ 2 (few matches), sort-index otherwise. The
 * planner cannot make this choice itself: a bound value's frequency (36 clients in 材料准备, 19,700 in 后续管理) is
 * unknown when the statement is prepared.
 */
import type { Out, Parsed } from '../../shared/contract';
import { CLIENT_SORT_INDEXES } from '../search/sort-indexes';
import type { ServiceContext } from './context';
import { CLIENT_ROW_COLUMNS, toClientRow } from './rows';
import { searchTerms } from '../search/grams';
import { gramIdsSql } from './search';
import { stmt } from './stmt';

type ListInput = Parsed<'clients.list'>;

/** What {@link planClientList} decided: the statements to run, their parameters and the number of matches. */
export interface ClientListPlan {
  countSql: string;
  countParams: unknown[];
  /** The page statement's parameters before limit and offset. */
  params: unknown[];
  total: number;
  strategy: 'sort-index' | 'filter-first' | 'empty';
  /** The page statement (null when there is no match); its parameters are `[...params, limit, offset]`. */
  pageSql: string | null;
}

/**
 * The WHERE clause (without the keyword) and parameters for `input`'s filters and search terms; `countSql` (with
 * `countParams`) counts the matches. Without filters, a search is counted in the search index itself (its
 * matches minus the archived ones, read from `clients_archived`) rather than row by row.
 */
export function clientListWhere(input: Pick<ListInput, 'q' | 'city' | 'stage' | 'consultant'>): { where: string; params: unknown[]; countSql: string; countParams: unknown[] } {
  const where = ['clients.archived = 0'];
  const params: unknown[] = [];
  const filters: Array<[string, unknown]> = [['clients.city = ?', input.city], ['clients.stage = ?', input.stage], ['clients.consultant = ?', input.consultant]];
  for (const [cond, value] of filters) {
    if (value === null) continue;
    where.push(cond);
    params.push(value);
  }
  const ids = gramIdsSql('clients', searchTerms(input.q));
  if (ids && params.length === 0) {
    // `+id`: walk the (few) archived clients and test each, instead of walking the matches.
    const countSql = `SELECT (SELECT count(*) FROM (${ids.sql})) - (SELECT count(*) FROM clients INDEXED BY clients_archived
      WHERE archived <> 0 AND +id IN (${ids.sql})) AS n`;
    return { where: `${where[0]} AND clients.id IN (${ids.sql})`, params: ids.params, countSql, countParams: [...ids.params, ...ids.params] };
  }
  if (ids) {
    where.push(`clients.id IN (${ids.sql})`);
    params.push(...ids.params);
  }
  const w = where.join(' AND ');
  // Nothing filtered: the unarchived clients, kept per stage by triggers (client_counts, 0140), not counted row by row.
  if (where.length === 1) return { where: w, params, countSql: UNARCHIVED_COUNT_SQL, countParams: [] };
  return { where: w, params, countSql: `SELECT count(*) AS n FROM clients WHERE ${w}`, countParams: params };
}

/**
 * The number of unarchived clients: the sum of `client_counts`' stage rows (0140: triggers on clients keep them in
 * the same statement as every change; tests/db/dashboard-counts.test.ts compares them with a count) — a dozen rows
 * read instead of every client's index entry (0.8 ms at 100,000 clients, twice on the register's first page).
 */
export const UNARCHIVED_COUNT_SQL = "SELECT coalesce(sum(n), 0) AS n FROM client_counts WHERE dim = 'stage'";

/** Counts the matches and chooses how to read the page (see the module comment). */
export function planClientList(ctx: ServiceContext, input: ListInput): ClientListPlan {
  const { where, params, countSql, countParams } = clientListWhere(input);
  const total = (stmt(ctx.db, countSql).get(...countParams) as { n: number }).n;
  if (total === 0 || input.offset >= total) return { countSql, countParams, params, total, strategy: 'empty', pageSql: null };
  const { column, index, then } = CLIENT_SORT_INDEXES[input.sort];
  const dir = input.dir === 'desc' ? 'DESC' : 'ASC';
  const next = then ? ` clients.${then} ${dir},` : '';
  const clients = (stmt(ctx.db, 'SELECT coalesce(max(id), 0) AS n FROM clients').get() as { n: number }).n;
  const filterFirst = total * total * 2 < (input.offset + input.limit) * clients;
  const pageSql = filterFirst
    ? `SELECT ${CLIENT_ROW_COLUMNS} FROM clients WHERE ${where} ORDER BY +clients.${column} ${dir},${next} clients.id ${dir} LIMIT ? OFFSET ?`
    : `SELECT ${CLIENT_ROW_COLUMNS} FROM clients INDEXED BY ${index} WHERE ${where} ORDER BY clients.${column} ${dir},${next} clients.id ${dir} LIMIT ? OFFSET ?`;
  return { countSql, countParams, params, total, strategy: filterFirst ? 'filter-first' : 'sort-index', pageSql };
}

/** Client register page: filters, search terms, sort, offset/limit. Returns the total too. */
export function listClients(ctx: ServiceContext, input: ListInput): Out<'clients.list'> {
  const plan = planClientList(ctx, input);
  if (!plan.pageSql) return { total: plan.total, rows: [] };
  const rows = stmt(ctx.db, plan.pageSql).all(...plan.params, input.limit, input.offset) as Record<string, unknown>[];
  return { total: plan.total, rows: rows.map(toClientRow) };
}

/** Unarchived clients with a consultant, by the consultant index (0110: consultant_sort, consultant; partial on archived = 0). */
const WITH_CONSULTANT = 'clients INDEXED BY clients_by_consultant_pinyin WHERE archived = 0 AND consultant IS NOT NULL';

/**
 * SQL of {@link clientFacets}: the consultants of unarchived clients in pinyin order (0070), and their number.
 * The consultants are read by skipping through the consultant index: one seek per consultant (the next sort key
 * after the last one) instead of a scan of every client's entry (issue 16: 11.5 ms at 100,000 clients, 0.03 ms now,
 * for a dozen consultants). A sort key is the consultant's pinyin, U+0001 and the consultant itself
 * (db/sort-keys.ts), so one key is one consultant: the same rows as
 * `SELECT DISTINCT consultant_sort, consultant … ORDER BY consultant_sort` (tests/db/client-facets.test.ts).
 */
export const FACETS_SQL = {
  consultants: `WITH RECURSIVE k(sort) AS (
      SELECT (SELECT min(consultant_sort) FROM ${WITH_CONSULTANT})
      UNION ALL
      SELECT (SELECT min(consultant_sort) FROM ${WITH_CONSULTANT} AND consultant_sort > k.sort) FROM k WHERE k.sort IS NOT NULL)
    SELECT k.sort AS consultant_sort, (SELECT consultant FROM ${WITH_CONSULTANT} AND consultant_sort = k.sort LIMIT 1) AS consultant
    FROM k WHERE k.sort IS NOT NULL ORDER BY k.sort`,
  total: UNARCHIVED_COUNT_SQL,
} as const;

/** The register's filter choices and the number of (unarchived) clients. */
export function clientFacets(ctx: ServiceContext): Out<'clients.facets'> {
  const consultants = (stmt(ctx.db, FACETS_SQL.consultants).all() as { consultant: string }[]).map((r) => r.consultant);
  const total = (stmt(ctx.db, FACETS_SQL.total).get() as { n: number }).n;
  return { consultants, total };
}
