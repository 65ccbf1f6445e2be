import type { Parsed, Out } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { canMoveMaterial, MATERIAL_DONE_STATUSES, type MaterialStatus } from '../../shared/domain/materials';
import type { ServiceContext } from './context';
import { recordEvent } from './events';
import { storedAt } from './event-columns';
import { readColumns, toMaterial } from './rows';
import { stmt } from './stmt';
import { effectiveDate } from './effective-date';
import { writeTransaction } from '../tx';

const DONE_SQL = MATERIAL_DONE_STATUSES.map((s) => `'${s}'`).join(',');

/** The number of items a new checklist gets: the current (non-retired) material template's. */
export function checklistSize(ctx: ServiceContext): number {
  return (stmt(ctx.db, 'SELECT count(*) AS n FROM material_template WHERE retired = 0').get() as { n: number }).n;
}

/**
 * Generates a client's checklist from the current (non-retired) material template, inside the caller's
 * transaction. The client row's progress figure must already say 0 of {@link checklistSize} (insertClient writes
 * it with the row). Returns the number of items created.
 */
export function createChecklist(ctx: ServiceContext, clientId: number): number {
  return stmt(ctx.db,
    `INSERT INTO materials (client_id, item_key, group_key, title, hint, sort, updated_ms)
     SELECT ?, key, group_key, title, hint, sort, ? FROM material_template WHERE retired = 0 ORDER BY sort`,
  ).run(clientId, storedAt(ctx.now())).changes;
}

/** Recomputes the denormalised progress figures (materials_done / materials_total) on the client row. */
export function refreshProgress(ctx: ServiceContext, clientId: number): void {
  stmt(ctx.db,
    `UPDATE clients SET
       materials_done = (SELECT count(*) FROM materials WHERE client_id = @id AND status IN (${DONE_SQL})),
       materials_total = (SELECT count(*) FROM materials WHERE client_id = @id)
     WHERE id = @id`,
  ).run({ id: clientId });
}

function getMaterial(ctx: ServiceContext, id: number) {
  const r = stmt(ctx.db, `SELECT ${readColumns(ctx.db, 'materials')} FROM materials WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
  if (!r) throw AppError.of('NOT_FOUND', msg('material_not_found'), { id });
  return toMaterial(r);
}

export function listMaterials(ctx: ServiceContext, input: Parsed<'materials.list'>): Out<'materials.list'> {
  return (stmt(ctx.db, `SELECT ${readColumns(ctx.db, 'materials')} FROM materials WHERE client_id = ? ORDER BY sort, id`).all(input.clientId) as Record<string, unknown>[]).map(toMaterial);
}

/**
 * Moves one item along the lifecycle (spec §4) and records the change with its effective date `on` (back-dated: the
 * consultant records on Friday what arrived on Tuesday; null = today in China) and the recording instant. Weekly
 * reports count the change in the week of `on`.
 * @throws VALIDATION for a move not in MATERIAL_TRANSITIONS, a future `on`, or an `on` before the item's previous
 * status change (the lifecycle would run backwards in time)
 */
export function setMaterialStatus(ctx: ServiceContext, input: Parsed<'materials.setStatus'>): Out<'materials.setStatus'> {
  return writeTransaction(ctx.db, () => {
    const m = getMaterial(ctx, input.id);
    if (m.status === input.status) return m;
    const on = effectiveDate(ctx, input.on);
    const previous = (stmt(ctx.db, `SELECT max(occurred_on) AS d FROM events WHERE client_id = ? AND kind = 'material.status' AND subject = ?`)
      .get(m.clientId, m.itemKey) as { d: string | null }).d;
    if (previous && on < previous) {
      throw AppError.field('VALIDATION', 'on', msg('material_date_before_previous', { on, previous }));
    }
    if (!canMoveMaterial(m.status, input.status as MaterialStatus)) {
      const from = msg(`material_status_${m.status}`);
      const to = msg(`material_status_${input.status}`);
      throw AppError.field('VALIDATION', 'status', msg('material_transition', { from, to }));
    }
    stmt(ctx.db, 'UPDATE materials SET status = ?, updated_ms = ? WHERE id = ?').run(input.status, storedAt(ctx.now()), m.id);
    recordEvent(ctx, { clientId: m.clientId, kind: 'material.status', subject: m.itemKey, subjectTitle: m.title, oldValue: m.status, newValue: input.status, on });
    refreshProgress(ctx, m.clientId);
    return getMaterial(ctx, m.id);
  });
}

const checksText = (a: boolean, b: boolean, c: boolean) => `${a ? '全' : ''}${b ? '准' : ''}${c ? '清' : ''}` || '—';

/** Sets the three checks the agency insists on: 全 (complete), 准 (accurate), 清 (legible). Records the change. */
export function setMaterialChecks(ctx: ServiceContext, input: Parsed<'materials.setChecks'>): Out<'materials.setChecks'> {
  return writeTransaction(ctx.db, () => {
    const m = getMaterial(ctx, input.id);
    const before = checksText(m.checkComplete, m.checkAccurate, m.checkLegible);
    const after = checksText(input.checkComplete, input.checkAccurate, input.checkLegible);
    if (before === after) return m;
    stmt(ctx.db, 'UPDATE materials SET check_complete = ?, check_accurate = ?, check_legible = ?, updated_ms = ? WHERE id = ?')
      .run(+input.checkComplete, +input.checkAccurate, +input.checkLegible, storedAt(ctx.now()), m.id);
    recordEvent(ctx, { clientId: m.clientId, kind: 'material.checks', subject: m.itemKey, subjectTitle: m.title, oldValue: before, newValue: after });
    return getMaterial(ctx, m.id);
  });
}

/** Sets an item's note and due date (internal target). Records each changed field. */
export function updateMaterial(ctx: ServiceContext, input: Parsed<'materials.update'>): Out<'materials.update'> {
  return writeTransaction(ctx.db, () => {
    const m = getMaterial(ctx, input.id);
    const note = input.note ? input.note : null;
    stmt(ctx.db, 'UPDATE materials SET note = ?, due_date = ?, updated_ms = ? WHERE id = ?').run(note, input.dueDate, storedAt(ctx.now()), m.id);
    if ((m.note ?? null) !== note) recordEvent(ctx, { clientId: m.clientId, kind: 'material.note', subject: m.itemKey, subjectTitle: m.title, oldValue: m.note, newValue: note });
    if (m.dueDate !== input.dueDate) recordEvent(ctx, { clientId: m.clientId, kind: 'material.due', subject: m.itemKey, subjectTitle: m.title, oldValue: m.dueDate, newValue: input.dueDate });
    return getMaterial(ctx, m.id);
  });
}
