import { assertPastDate } from './effective-date';
import type { Parsed, Out } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import type { ServiceContext } from './context';
import { getClient } from './clients';
import { recordEvent } from './events';
import { readColumns, toNote } from './rows';
import { stmt } from './stmt';
import { writeTransaction } from '../tx';
import { storedAt } from './event-columns';

/** Characters of a note's text its events keep (the timeline's excerpt; the full text stays in `notes`). */
export const NOTE_EXCERPT_CHARS = 40;

/** The first {@link NOTE_EXCERPT_CHARS} characters of `body` (by code point), with '…' when cut. */
export function noteExcerpt(body: string): string {
  const chars = [...body];
  return chars.length > NOTE_EXCERPT_CHARS ? `${chars.slice(0, NOTE_EXCERPT_CHARS).join('')}…` : body;
}

function getNote(ctx: ServiceContext, id: number) {
  const r = stmt(ctx.db, `SELECT ${readColumns(ctx.db, 'notes')} FROM notes WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
  if (!r) throw AppError.of('NOT_FOUND', msg('note_not_found'), { id });
  return toNote(r);
}

/** Keeps clients.last_note_date (shown and sorted in the register) equal to the newest note's date. */
function refreshLastNote(ctx: ServiceContext, clientId: number): void {
  stmt(ctx.db, 'UPDATE clients SET last_note_date = (SELECT max(note_date) FROM notes WHERE client_id = @id) WHERE id = @id').run({ id: clientId });
}

/** A client's progress notes, newest date first. */
export function listNotes(ctx: ServiceContext, input: Parsed<'notes.list'>): Out<'notes.list'> {
  return (stmt(ctx.db, `SELECT ${readColumns(ctx.db, 'notes')} FROM notes WHERE client_id = ? ORDER BY note_date DESC, id DESC`).all(input.clientId) as Record<string, unknown>[]).map(toNote);
}

/** Writes a progress note dated `date` (the week it counts for follows from that date). */
export function createNote(ctx: ServiceContext, input: Parsed<'notes.create'>): Out<'notes.create'> {
  return writeTransaction(ctx.db, () => {
    getClient(ctx, input.clientId);
    assertPastDate(ctx, input.date, 'date');
    // The instants as UTC milliseconds (0190; `created_at` / `updated_at` give back the ISO text).
    const now = storedAt(ctx.now());
    const info = stmt(ctx.db, 'INSERT INTO notes (client_id, note_date, body, created_ms, updated_ms) VALUES (?, ?, ?, ?, ?)').run(input.clientId, input.date, input.body, now, now);
    const id = Number(info.lastInsertRowid);
    recordEvent(ctx, { clientId: input.clientId, kind: 'note.create', subject: String(id), newValue: noteExcerpt(input.body), on: input.date });
    refreshLastNote(ctx, input.clientId);
    return getNote(ctx, id);
  });
}

export function updateNote(ctx: ServiceContext, input: Parsed<'notes.update'>): Out<'notes.update'> {
  return writeTransaction(ctx.db, () => {
    const n = getNote(ctx, input.id);
    assertPastDate(ctx, input.date, 'date', n.date);
    const now = ctx.now();
    // The text and date being replaced (only when they change), so a weekly summary of an earlier week still shows
    // the note as it was.
    if (n.body !== input.body || n.date !== input.date) {
      stmt(ctx.db, 'INSERT INTO note_versions (note_id, note_date, body, replaced_at) VALUES (?, ?, ?, ?)').run(n.id, n.date, n.body, now.toISOString());
    }
    stmt(ctx.db, 'UPDATE notes SET note_date = ?, body = ?, updated_ms = ? WHERE id = ?').run(input.date, input.body, storedAt(now), n.id);
    recordEvent(ctx, { clientId: n.clientId, kind: 'note.update', subject: String(n.id), oldValue: noteExcerpt(n.body), newValue: noteExcerpt(input.body), on: input.date });
    refreshLastNote(ctx, n.clientId);
    return getNote(ctx, n.id);
  });
}

export function removeNote(ctx: ServiceContext, input: Parsed<'notes.remove'>): Out<'notes.remove'> {
  return writeTransaction(ctx.db, () => {
    const n = getNote(ctx, input.id);
    stmt(ctx.db, 'DELETE FROM notes WHERE id = ?').run(n.id);
    recordEvent(ctx, { clientId: n.clientId, kind: 'note.remove', subject: String(n.id), oldValue: noteExcerpt(n.body), on: n.date });
    refreshLastNote(ctx, n.clientId);
    return { ok: true as const };
  });
}
