import type { Migration } from './index';

/** Characters of a note kept in its events (the timeline's excerpt). Fixed here: released migrations never change. */
const EXCERPT = 40;
const excerpt = (s: string | null) => (s === null ? null : [...s].length > EXCERPT ? `${[...s].slice(0, EXCERPT).join('')}…` : s);

type Ev = { id: number; client_id: number; kind: string; at: string; occurred_on: string; old_value: string | null; new_value: string | null };

/**
 * 0080: note events hold a reference instead of the note's text (issue 16: they were half the file). Each
 * note.create / note.update / note.remove event gets `subject` = the note's id (null when the note was removed) and
 * old/new values cut to a {@link EXCERPT}-character excerpt; the full text stays in `notes`, and every earlier text a
 * note.update replaced goes to `note_versions` (with its date and the instant it was replaced), so weekly summaries
 * read exactly what they read before. Events carry no note id, so ids are recovered per client by walking its note
 * events newest first from the notes as they are now (an update's new text is the note's text at that point).
 * The freed space is reclaimed only when the user chooses 压缩 (VACUUM) in 设置.
 */
export const m0080: Migration = {
  version: 80,
  name: 'note-refs',
  up(db) {
    const notesOf = db.prepare('SELECT id, body, note_date FROM notes WHERE client_id = ? ORDER BY id');
    const setEvent = db.prepare('UPDATE events SET subject = ?, old_value = ?, new_value = ? WHERE id = ?');
    const addVersion = db.prepare('INSERT INTO note_versions (note_id, note_date, body, replaced_at) VALUES (?, ?, ?, ?)');
    const events = db
      .prepare("SELECT id, client_id, kind, at, occurred_on, old_value, new_value FROM events WHERE kind IN ('note.create', 'note.update', 'note.remove') ORDER BY client_id, id DESC")
      .iterate() as IterableIterator<Ev>;
    let client = -1;
    // body → ids of notes that have that text at the current point of the walk (0 = a removed note).
    let byBody = new Map<string, number[]>();
    // note id → the version whose date is the date of the note's next-older event.
    let pending = new Map<number, { body: string; replacedAt: string; date: string | null }>();
    let current = new Map<number, string>();
    const versions: Array<[number, string, string, string]> = [];
    const updates: Array<[string | null, string | null, string | null, number]> = [];
    const flushClient = () => {
      for (const [id, v] of pending) versions.push([id, v.date ?? current.get(id)!, v.body, v.replacedAt]);
    };
    for (const e of events) {
      if (e.client_id !== client) {
        flushClient();
        client = e.client_id;
        byBody = new Map();
        pending = new Map();
        current = new Map();
        for (const n of notesOf.all(client) as Array<{ id: number; body: string; note_date: string }>) {
          byBody.set(n.body, [...(byBody.get(n.body) ?? []), n.id]);
          current.set(n.id, n.note_date);
        }
      }
      const take = (body: string | null) => (body === null ? 0 : (byBody.get(body)?.pop() ?? 0));
      const give = (body: string | null, id: number) => { if (body !== null) byBody.set(body, [...(byBody.get(body) ?? []), id]); };
      let id = 0;
      if (e.kind === 'note.remove') give(e.old_value, 0);
      else id = take(e.new_value);
      if (id) {
        // This event's date is the date of the version the newer update replaced.
        const p = pending.get(id);
        if (p) {
          versions.push([id, e.occurred_on, p.body, p.replacedAt]);
          pending.delete(id);
        }
        if (e.kind === 'note.update' && e.old_value !== null) {
          pending.set(id, { body: e.old_value, replacedAt: e.at, date: null });
          give(e.old_value, id);
        }
      }
      updates.push([id ? String(id) : null, excerpt(e.old_value), excerpt(e.new_value), e.id]);
    }
    flushClient();
    for (const u of updates) setEvent.run(...u);
    for (const v of versions.sort((a, b) => a[3].localeCompare(b[3]))) addVersion.run(...v);
  },
};
