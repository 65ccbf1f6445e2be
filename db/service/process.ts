/**
 * A client's process dates (spec §5): the dates the consultant records (table process_dates) and, where none is
 * recorded, the date of the stage move that implies it (events of kind 'stage' with an old stage: a move into
 * 线上预申请 = pre-application date, 正式提交 = formal submission, 发证 = inspection passed). Stage values set at
 * creation or import carry no date of their own and are not used.
 */
import { assertPastDate } from './effective-date';
import type { Out, Parsed } from '../../shared/contract';
import { PROCESS_DATE_FIELDS, PROCESS_DATE_FROM_STAGE, type ProcessDateField, type ProcessDates } from '../../shared/domain/deadlines';
import type { ServiceContext } from './context';
import { stmt } from './stmt';
import { getClient } from './clients';
import { recordEvent } from './events';
import { writeTransaction } from '../tx';

const COLUMN: Record<ProcessDateField, string> = {
  preApplicationOn: 'pre_application_on',
  preReviewDoneOn: 'pre_review_done_on',
  correctionRequestedOn: 'correction_requested_on',
  correctionDoneOn: 'correction_done_on',
  formalSubmissionOn: 'formal_submission_on',
  formalReviewDoneOn: 'formal_review_done_on',
  inspectionPassedOn: 'inspection_passed_on',
};
export const PROCESS_COLUMNS = PROCESS_DATE_FIELDS.map((f) => `p.${COLUMN[f]}`).join(', ');

export const emptyDates = (): ProcessDates => Object.fromEntries(PROCESS_DATE_FIELDS.map((f) => [f, null])) as ProcessDates;

/** Process dates from a process_dates row (aliased columns as in {@link PROCESS_COLUMNS}); all null for no row. */
export function toProcessDates(r: Record<string, unknown> | undefined): ProcessDates {
  const d = emptyDates();
  if (r) for (const f of PROCESS_DATE_FIELDS) d[f] = (r[COLUMN[f]] as string | null) ?? null;
  return d;
}

const STAGE_TO_FIELD = Object.entries(PROCESS_DATE_FROM_STAGE).map(([field, stage]) => ({ field: field as ProcessDateField, stage: stage! }));

/**
 * Dates of the latest real stage move into each date-giving stage, for the clients matched by `clientWhere`
 * (SQL over `c` = clients, with `params`). Returns clientId → partial dates.
 */
/** The SQL of {@link stageMoveDates} (exported for the query-plan test: it must use the events_stage_moves index). */
export function stageMoveSql(clientWhere: string): string {
  const stages = STAGE_TO_FIELD.map((s) => `'${s.stage}'`).join(', ');
  return `SELECT e.client_id, e.new_value, e.occurred_on, max(e.id) AS last_id
       FROM clients c JOIN events e ON e.client_id = c.id
       WHERE ${clientWhere} AND e.kind = 'stage' AND e.old_value IS NOT NULL AND e.new_value IN (${stages})
       GROUP BY e.client_id, e.new_value`;
}

export function stageMoveDates(ctx: ServiceContext, clientWhere: string, params: unknown[]): Map<number, Partial<ProcessDates>> {
  const rows = stmt(ctx.db, stageMoveSql(clientWhere)).all(...params) as Array<{ client_id: number; new_value: string; occurred_on: string }>;
  const out = new Map<number, Partial<ProcessDates>>();
  for (const r of rows) {
    const field = STAGE_TO_FIELD.find((s) => s.stage === r.new_value)!.field;
    const m = out.get(r.client_id) ?? {};
    m[field] = r.occurred_on;
    out.set(r.client_id, m);
  }
  return out;
}

/** Recorded dates over stage-move dates, field by field. */
export function effectiveDates(recorded: ProcessDates, fromStages: Partial<ProcessDates>): ProcessDates {
  const d = { ...recorded };
  for (const f of PROCESS_DATE_FIELDS) d[f] = recorded[f] ?? fromStages[f] ?? null;
  return d;
}

export function getProcess(ctx: ServiceContext, input: Parsed<'process.get'>): Out<'process.get'> {
  getClient(ctx, input.clientId);
  const row = stmt(ctx.db, `SELECT ${PROCESS_COLUMNS} FROM process_dates p WHERE p.client_id = ?`).get(input.clientId) as Record<string, unknown> | undefined;
  const recorded = toProcessDates(row);
  const fromStages = { ...emptyDates(), ...(stageMoveDates(ctx, 'c.id = ?', [input.clientId]).get(input.clientId) ?? {}) };
  return { clientId: input.clientId, recorded, fromStages, effective: effectiveDates(recorded, fromStages) };
}

/** Stores the recorded process dates (all fields; null clears one) and records each change as a 'process.date' event. */
export function setProcess(ctx: ServiceContext, input: Parsed<'process.set'>): Out<'process.set'> {
  return writeTransaction(ctx.db, () => {
    const before = getProcess(ctx, { clientId: input.clientId }).recorded;
    for (const f of PROCESS_DATE_FIELDS) assertPastDate(ctx, input.dates[f], `dates.${f}`, before[f]);
    const cols = PROCESS_DATE_FIELDS.map((f) => COLUMN[f]);
    stmt(ctx.db,
        `INSERT INTO process_dates (client_id, ${cols.join(', ')}, updated_at) VALUES (?, ${cols.map(() => '?').join(', ')}, ?)
         ON CONFLICT(client_id) DO UPDATE SET ${cols.map((c) => `${c} = excluded.${c}`).join(', ')}, updated_at = excluded.updated_at`,
      )
      .run(input.clientId, ...PROCESS_DATE_FIELDS.map((f) => input.dates[f]), ctx.now().toISOString());
    for (const f of PROCESS_DATE_FIELDS) {
      if (before[f] !== input.dates[f]) recordEvent(ctx, { clientId: input.clientId, kind: 'process.date', subject: f, oldValue: before[f], newValue: input.dates[f] });
    }
    return getProcess(ctx, { clientId: input.clientId });
  });
}
