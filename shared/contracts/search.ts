/**
 * Search methods beyond the register's own (clients.list carries the client search): the notes scope.
 * Matching is exact: every space-separated term is a case-insensitive substring of the note (full-width Latin
 * matches half-width; ％ _ % are literal), for terms of any length (晋, 太原, 营业执照).
 */
import { z } from 'zod';

// contract.ts imports this file, so its Id / DateStr cannot be imported here (an import cycle); same shapes.
const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const DateStr = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The most matches `notes.search` counts; `total` stops there and `capped` says so. */
export const NOTE_SEARCH_COUNT_CAP = 1000;

/** One matching progress note with its client's name. */
export const NoteHit = z.object({ id: Id, clientId: Id, clientName: z.string(), date: DateStr, body: z.string() });
export type NoteHit = z.infer<typeof NoteHit>;

/** The search methods beyond clients.list, spread into `contract` (shared/contract.ts). */
export const searchMethods = {
  /** Progress notes containing every term, most recently written first, `limit` at a time from `offset`. */
  'notes.search': {
    input: z.object({
      q: z.string().trim().max(100, '不能超过100个字符').default(''),
      offset: z.number().int().min(0).max(NOTE_SEARCH_COUNT_CAP).default(0),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    output: z.object({
      /** Matches counted, up to NOTE_SEARCH_COUNT_CAP. */
      total: z.number().int(),
      /** True when there are more than NOTE_SEARCH_COUNT_CAP matches (total is the cap). */
      capped: z.boolean(),
      rows: z.array(NoteHit),
    }),
  },
} as const;
