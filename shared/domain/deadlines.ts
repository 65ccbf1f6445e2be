/**
 * A client's process deadlines (spec §5), derived from its recorded dates with the rules of
 * {@link DEADLINE_RULES}. Pure: the database gathers a {@link ProcessSnapshot}; this decides which deadlines are
 * open and when they fall.
 *
 * Open while:
 * - pre_review: a pre-application date exists, the stage is at most 线上预申请, the initial review has no result
 *   recorded on/after it, and no correction was requested on/after it (a correction request IS the review's answer);
 * - correction: a correction is open — the process correction date without a later "correction submitted" date,
 *   and/or materials in status 需补正 (the earliest request counts);
 * - formal_review / formal_review_legal: a formal-submission date exists, the stage is at most 正式提交, and no review
 *   result is recorded on/after it;
 * - licence_issue: an inspection-passed date exists, no licence is recorded and the stage is before 后续管理;
 * - material_target: an item with a due date is not yet checked (已核对 or beyond), before 后续管理.
 */
import { computeDeadline, type DeadlineRuleKey, type DeadlineTiming } from './deadline-rules';
import type { WorkCalendar } from './calendar';
import { stageOf, type StageKey } from './stages';

/** The process dates a consultant records (all 'YYYY-MM-DD' or null). */
export const PROCESS_DATE_FIELDS = [
  'preApplicationOn', 'preReviewDoneOn', 'correctionRequestedOn', 'correctionDoneOn', 'formalSubmissionOn',
  'formalReviewDoneOn', 'inspectionPassedOn',
] as const;
export type ProcessDateField = (typeof PROCESS_DATE_FIELDS)[number];
export type ProcessDates = Record<ProcessDateField, string | null>;

/** Process dates that, when not recorded explicitly, are taken from the date of a stage move into this stage. */
export const PROCESS_DATE_FROM_STAGE: Partial<Record<ProcessDateField, StageKey>> = {
  preApplicationOn: 'pre_application',
  formalSubmissionOn: 'formal_submission',
  inspectionPassedOn: 'issuance',
};

/** Everything {@link processDeadlines} needs about one client. `dates` are the effective dates (explicit or derived). */
export interface ProcessSnapshot {
  stage: StageKey;
  dates: ProcessDates;
  /** Materials currently in status 需补正, with the date they were moved there. */
  openCorrections: Array<{ itemKey: string; title: string; since: string }>;
  /** Materials with a due date that are not yet checked. */
  targets: Array<{ itemKey: string; title: string; due: string }>;
  licenceIssued: boolean;
}

/** One open deadline of a client: the timing plus what it is about (material title(s), or null). */
export interface ClientDeadline extends DeadlineTiming {
  subject: string | null;
  subjectKey: string | null;
}

const after = (a: string | null, b: string | null) => a !== null && b !== null && a >= b;

/** An open process deadline before it is timed: its rule, start date and subject (material title(s), item key). */
export interface OpenDeadline {
  rule: DeadlineRuleKey;
  start: string;
  subject: string | null;
  subjectKey: string | null;
}

/**
 * Which process deadlines of one client are open, and from which start date (see the module comment). Independent
 * of today and of the calendar: the due dates follow from `start` and the rule (db/service/due-dates.ts stores them).
 */
export function openProcessDeadlines(p: ProcessSnapshot): OpenDeadline[] {
  const no = stageOf(p.stage).no;
  const d = p.dates;
  const out: OpenDeadline[] = [];
  const add = (rule: DeadlineRuleKey, start: string, subject: string | null = null, subjectKey: string | null = null) => out.push({ rule, start, subject, subjectKey });

  const processCorrectionOpen = d.correctionRequestedOn !== null && !after(d.correctionDoneOn, d.correctionRequestedOn);
  const correctionStarts = [...(processCorrectionOpen ? [d.correctionRequestedOn!] : []), ...p.openCorrections.map((c) => c.since)].sort();
  const latestCorrection = [d.correctionRequestedOn, ...p.openCorrections.map((c) => c.since)].filter((x): x is string => !!x).sort().pop() ?? null;

  if (d.preApplicationOn && no <= 3 && !after(d.preReviewDoneOn, d.preApplicationOn) && !after(latestCorrection, d.preApplicationOn)) {
    add('pre_review', d.preApplicationOn);
  }
  if (correctionStarts.length && no < 7) {
    const titles = p.openCorrections.map((c) => c.title);
    add('correction', correctionStarts[0], titles.length ? titles.join('、') : null);
  }
  if (d.formalSubmissionOn && no <= 4 && !after(d.formalReviewDoneOn, d.formalSubmissionOn)) {
    add('formal_review', d.formalSubmissionOn);
    add('formal_review_legal', d.formalSubmissionOn);
  }
  if (d.inspectionPassedOn && !p.licenceIssued && no < 7) add('licence_issue', d.inspectionPassedOn);
  if (no < 7) for (const t of p.targets) add('material_target', t.due, t.title, t.itemKey);
  return out;
}

/**
 * The open process deadlines of one client as of `today`, soonest first.
 * @throws ParseError if a recorded date is invalid (the database only stores valid ones)
 */
export function processDeadlines(p: ProcessSnapshot, cal: WorkCalendar, today: string): ClientDeadline[] {
  return openProcessDeadlines(p)
    .map((o) => ({ ...computeDeadline(o.rule, o.start, cal, today), subject: o.subject, subjectKey: o.subjectKey }))
    .sort((a, b) => a.due.localeCompare(b.due) || a.rule.localeCompare(b.rule));
}
