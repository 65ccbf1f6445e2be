import type { ServiceContext } from './context';
import { chinaToday } from '../../shared/domain/weeks';
import { stmt } from './stmt';
import { STORED_ON_SQL_0190, STORED_VALUE_SQL_0190 } from '../migrations/0190-compact-codes';
import { STORED_NEW_PARAMS_SQL, STORED_TITLE_PARAMS_SQL, storedAt, storedKind } from './event-columns';

/** Kinds of recorded change. `subject` is a material item key or a field name; old/new are text. */
export type EventKind =
  | 'client.create' | 'client.update' | 'client.import' | 'stage'
  | 'material.status' | 'material.checks' | 'material.note' | 'material.due'
  | 'note.create' | 'note.update' | 'note.remove'
  | 'process.date' | 'licence.set' | 'licence.remove' | 'annual.filed' | 'change.create' | 'change.filed' | 'change.remove'
  | 'facts.update'
  | 'attachment.add' | 'attachment.rename' | 'attachment.move' | 'attachment.remove'
  | 'inspection.schedule' | 'inspection.update' | 'inspection.remove' | 'inspection.check' | 'inspection.note'
  | 'inspection.area' | 'inspection.outcome';

/**
 * Appends one change to the events log (what, old, new, when). `on` is the China date the change counts for
 * (defaults to today in China); `at` is the UTC instant. Call inside the same transaction as the change itself.
 * Stored compactly (db/service/event-columns.ts: `at` as milliseconds, a material's title and a note's excerpt not copied;
 * 0190: kind, status and stage values as codes, `on` only where it is not the China day of `at`); read back
 * through `eventColumns`.
 */
export function recordEvent(
  ctx: ServiceContext,
  e: { clientId: number; kind: EventKind; subject?: string | null; subjectTitle?: string | null; oldValue?: string | null; newValue?: string | null; on?: string },
): void {
  const now = ctx.now();
  stmt(ctx.db,
    `INSERT INTO events (client_id, at, on_code, kind_code, subject, subject_title, old_code, new_code)
     VALUES (@clientId, @at, ${STORED_ON_SQL_0190('@on', '@at')}, @kindCode, @subject, ${STORED_TITLE_PARAMS_SQL},
       ${STORED_VALUE_SQL_0190('@oldValue')}, ${STORED_VALUE_SQL_0190(`(${STORED_NEW_PARAMS_SQL})`)})`,
  ).run({
    clientId: e.clientId, at: storedAt(now), on: e.on ?? chinaToday(now), kind: e.kind, kindCode: storedKind(e.kind), subject: e.subject ?? null,
    subjectTitle: e.subjectTitle ?? null, oldValue: e.oldValue ?? null, newValue: e.newValue ?? null,
  });
}
