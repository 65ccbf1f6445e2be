/**
 * Recording an inspection's outcome and what it does to the application (spec §5):
 * - passed → the client moves to stage 6 发证 ('issuance') dated the inspection date (unless already there or later),
 *   and the expected issue date (5 Chinese working days after the inspection) is stored on the inspection;
 * - issues found → the stage stays; the issues are written as a progress note dated the inspection date;
 * - postponed → the stage stays (schedule the new date as another inspection).
 * Clearing the outcome (null) returns the inspection to "scheduled" without moving the stage back.
 */
import type { Out, Parsed } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { expectedIssueDate } from '../../shared/domain/inspection';
import { stageOf } from '../../shared/domain/stages';
import { chinaToday } from '../../shared/domain/weeks';
import type { ServiceContext } from './context';
import { getClient, setStage } from './clients';
import { recordEvent } from './events';
import { loadInspection } from './inspection-rows';
import { inspectionSubject } from './inspections';
import { createNote } from './notes';
import { writeTransaction } from '../tx';

const ISSUANCE_NO = stageOf('issuance').no;

/** The progress note written when an inspection found issues. */
export function issuesNoteBody(date: string, issues: string): string {
  return `现场核查（${date}）发现问题：${issues}`;
}

/**
 * Records the outcome (see the module doc). VALIDATION (nothing written) when 'issues' comes without notes, or when
 * 'passed' / 'issues' is recorded for an inspection dated after today (China).
 */
export function setInspectionOutcome(ctx: ServiceContext, input: Parsed<'inspections.setOutcome'>): Out<'inspections.setOutcome'> {
  return writeTransaction(ctx.db, () => {
    const before = loadInspection(ctx, input.id);
    if (input.outcome === 'issues' && !input.notes) throw AppError.field('VALIDATION', 'notes', msg('inspection_issues_missing'));
    if ((input.outcome === 'passed' || input.outcome === 'issues') && before.date > chinaToday(ctx.now())) {
      throw AppError.field('VALIDATION', 'outcome', msg('inspection_outcome_future', { date: before.date }));
    }
    const expected = input.outcome === 'passed' ? expectedIssueDate(before.date).date : null;
    ctx.db
      .prepare('UPDATE inspections SET outcome = ?, outcome_notes = ?, expected_issue_date = ?, updated_at = ? WHERE id = ?')
      .run(input.outcome, input.notes, expected, ctx.now().toISOString(), before.id);
    if (before.outcome !== input.outcome || before.outcomeNotes !== input.notes) {
      recordEvent(ctx, {
        clientId: before.clientId, kind: 'inspection.outcome', subject: inspectionSubject(before.id), subjectTitle: input.notes,
        oldValue: before.outcome, newValue: input.outcome, on: before.date,
      });
    }
    const client = getClient(ctx, before.clientId);
    if (input.outcome === 'passed' && stageOf(client.stage).no < ISSUANCE_NO) {
      setStage(ctx, { id: client.id, stage: 'issuance', date: before.date });
    }
    let noteId: number | null = null;
    if (input.outcome === 'issues' && input.notes && (before.outcome !== 'issues' || before.outcomeNotes !== input.notes)) {
      noteId = createNote(ctx, { clientId: client.id, date: before.date, body: issuesNoteBody(before.date, input.notes) }).id;
    }
    const after = getClient(ctx, client.id);
    return { inspection: loadInspection(ctx, before.id), stage: after.stage, stageSince: after.stageSince, noteId };
  });
}
