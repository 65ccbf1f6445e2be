/**
 * The editable inspection checklist template (spec §6, *rule, user-editable*): add, edit, reorder, retire/restore.
 * Changes affect only inspections scheduled afterwards: each inspection keeps its own copy of the items.
 * Every method returns the whole template (active and retired), in section order and by `sort` within a section.
 */
import type { Out, Parsed } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import type { ServiceContext } from './context';
import { SECTION_ORDER_SQL, toTemplateRow } from './inspection-rows';
import { writeTransaction } from '../tx';

/** The whole template, active and retired, in section order, then by sort. */
export function listTemplate(ctx: ServiceContext): Out<'inspectionTemplate.list'> {
  return (ctx.db.prepare(`SELECT * FROM inspection_template ORDER BY ${SECTION_ORDER_SQL}, sort, id`).all() as Record<string, unknown>[]).map(toTemplateRow);
}

function assertExists(ctx: ServiceContext, id: number): void {
  if (!ctx.db.prepare('SELECT 1 FROM inspection_template WHERE id = ?').get(id)) {
    throw new AppError('NOT_FOUND', msg('template_item_not_found'), { id });
  }
}

/** Appends an item at the end of its section (key 'U<id>', sort after every other item). */
export function createTemplateItem(ctx: ServiceContext, input: Parsed<'inspectionTemplate.create'>): Out<'inspectionTemplate.create'> {
  return writeTransaction(ctx.db, () => {
    const next = ctx.db.prepare('SELECT coalesce(max(id), 0) + 1 AS id, coalesce(max(sort), 0) + 10 AS sort FROM inspection_template').get() as { id: number; sort: number };
    ctx.db
      .prepare('INSERT INTO inspection_template (id, key, section, text, evidence, sort) VALUES (?, ?, ?, ?, ?, ?)')
      .run(next.id, `U${String(next.id).padStart(3, '0')}`, input.section, input.text, input.evidence, next.sort);
    return listTemplate(ctx);
  });
}

/** Edits an item's section, text and evidence kind. */
export function updateTemplateItem(ctx: ServiceContext, input: Parsed<'inspectionTemplate.update'>): Out<'inspectionTemplate.update'> {
  return writeTransaction(ctx.db, () => {
    assertExists(ctx, input.id);
    ctx.db.prepare('UPDATE inspection_template SET section = ?, text = ?, evidence = ? WHERE id = ?').run(input.section, input.text, input.evidence, input.id);
    return listTemplate(ctx);
  });
}

/** Retires (no longer copied into new checklists) or restores an item. */
export function setTemplateRetired(ctx: ServiceContext, input: Parsed<'inspectionTemplate.setRetired'>): Out<'inspectionTemplate.setRetired'> {
  return writeTransaction(ctx.db, () => {
    assertExists(ctx, input.id);
    ctx.db.prepare('UPDATE inspection_template SET retired = ? WHERE id = ?').run(input.retired ? 1 : 0, input.id);
    return listTemplate(ctx);
  });
}

/** Sets the order: `ids` must list every template item exactly once (else VALIDATION, nothing written). */
export function setTemplateOrder(ctx: ServiceContext, input: Parsed<'inspectionTemplate.setOrder'>): Out<'inspectionTemplate.setOrder'> {
  return writeTransaction(ctx.db, () => {
    const all = (ctx.db.prepare('SELECT id FROM inspection_template').all() as { id: number }[]).map((r) => r.id);
    const given = new Set(input.ids);
    if (given.size !== input.ids.length || given.size !== all.length || all.some((id) => !given.has(id))) {
      throw AppError.field('VALIDATION', 'ids', msg('template_order_incomplete'));
    }
    const upd = ctx.db.prepare('UPDATE inspection_template SET sort = ? WHERE id = ?');
    input.ids.forEach((id, i) => upd.run((i + 1) * 10, id));
    return listTemplate(ctx);
  });
}
