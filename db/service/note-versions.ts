/**
 * Notes as they were at a moment (issue 16): a note's current row plus its earlier versions (table note_versions,
 * one row per change with the instant it was replaced). Used by the weekly summary so a note edited after its week
 * still shows there as it was at the week's end.
 */
import type { ServiceContext } from './context';
import { stmt } from './stmt';

/** One note as of an instant: id, client, date and text then. */
export interface NoteAsOf {
  id: number;
  clientId: number;
  date: string;
  body: string;
}

/**
 * The notes of `clientIds` dated `from`…`to` (China dates, inclusive) as they were at the instant `asOfUtc` (ISO):
 * each note's text and date are those of the version in force then (the oldest version replaced after `asOfUtc`,
 * else the current row); a note written later but dated in the range shows its first version. Ordered by date, id.
 */
export function notesAsOf(ctx: ServiceContext, clientIds: readonly number[], from: string, to: string, asOfUtc: string): NoteAsOf[] {
  const rows = stmt(ctx.db,
      `WITH cand AS (
         SELECT n.id FROM notes n WHERE n.note_date BETWEEN @from AND @to AND n.client_id IN (SELECT value FROM json_each(@ids))
         UNION SELECT v.note_id FROM note_versions v JOIN notes n ON n.id = v.note_id
           WHERE v.note_date BETWEEN @from AND @to AND n.client_id IN (SELECT value FROM json_each(@ids))
       ), asof AS (
         SELECT n.id, n.client_id,
           coalesce(v.note_date, n.note_date) AS note_date, coalesce(v.body, n.body) AS body
         FROM cand JOIN notes n ON n.id = cand.id
         LEFT JOIN note_versions v ON v.id = (SELECT v2.id FROM note_versions v2 WHERE v2.note_id = n.id AND v2.replaced_at > @asOf ORDER BY v2.replaced_at, v2.id LIMIT 1)
       )
       SELECT id, client_id, note_date, body FROM asof WHERE note_date BETWEEN @from AND @to ORDER BY note_date, id`,
    )
    .all({ from, to, ids: JSON.stringify(clientIds), asOf: asOfUtc }) as Array<{ id: number; client_id: number; note_date: string; body: string }>;
  return rows.map((r) => ({ id: r.id, clientId: r.client_id, date: r.note_date, body: r.body }));
}
