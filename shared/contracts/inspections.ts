/**
 * Site-inspection methods (现场核查, spec §6): scheduling an inspection with its attendees, the preparation checklist
 * copied from the editable template, readiness, the printed prep sheet's data, reminders and the outcome.
 * Dates 'YYYY-MM-DD' (China), times 'HH:MM', areas m². Spread into `contract` in shared/contract.ts.
 */
import { z } from 'zod';
import { isIsoDate } from '../domain/calendar';
import { ATTENDEE_ROLE_KEYS, EVIDENCE_KINDS, INSPECTION_OUTCOME_KEYS, INSPECTION_SECTION_KEYS } from '../domain/inspection';
import { MATERIAL_STATUSES } from '../domain/materials';
import { STAGE_KEYS } from '../domain/stages';

// Scalars as in shared/contract.ts, defined here because contract.ts imports this file (an import back would be a cycle).
const DateStr = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine(isIsoDate, '不是有效日期');
const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const Text = (max: number) => z.string().trim().max(max, `不能超过${max}个字符`);
/** Optional text: blank becomes null. */
const OptText = (max: number) => Text(max).transform((s) => s || null).nullable().default(null);

export const InspectionSection = z.enum(INSPECTION_SECTION_KEYS);
export const EvidenceKind = z.enum(EVIDENCE_KINDS);
export const AttendeeRole = z.enum(ATTENDEE_ROLE_KEYS);
export const InspectionOutcome = z.enum(INSPECTION_OUTCOME_KEYS);
/** 'HH:MM', 24-hour. */
export const TimeStr = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM（如 09:30）');

/** One row of the editable checklist template. Retired rows are kept (past checklists may name them). */
export const InspectionTemplateRow = z.object({
  id: Id, key: z.string(), section: InspectionSection, text: z.string(), evidence: EvidenceKind, sort: z.number().int(), retired: z.boolean(),
});
export type InspectionTemplateRow = z.infer<typeof InspectionTemplateRow>;

/** A company person attending the inspection. */
export const Attendee = z.object({ role: AttendeeRole, name: Text(40).min(1, '请填写姓名'), phone: OptText(40) });
export type Attendee = z.infer<typeof Attendee>;

/** The editable fields of an inspection (schedule and edit forms). `address` null → the client's office address. */
export const InspectionInput = z.object({
  date: DateStr,
  time: TimeStr.nullable().default(null),
  address: OptText(200),
  authorityPeople: OptText(200),
  attendees: z.array(Attendee).max(20, '参加人员最多20人').default([]),
  consultantName: OptText(40),
  consultantPhone: OptText(40),
  equipmentList: OptText(4000),
  notes: OptText(4000),
});
export type InspectionInput = z.input<typeof InspectionInput>;

/** One item of an inspection's own checklist (a copy of the template item at scheduling time). */
export const InspectionItem = z.object({
  id: Id,
  inspectionId: Id,
  templateKey: z.string().nullable(),
  section: InspectionSection,
  text: z.string(),
  evidence: EvidenceKind,
  sort: z.number().int(),
  checked: z.boolean(),
  note: z.string().nullable(),
  measuredAreaM2: z.number().nullable(),
  /** True when the measured area is below the minimum (spec §3): shown red, not counted as ready. */
  flagged: z.boolean(),
  updatedAt: z.string(),
});
export type InspectionItem = z.infer<typeof InspectionItem>;

export const Readiness = z.object({
  done: z.number().int(), total: z.number().int(), percent: z.number().int(),
  open: z.array(z.object({ id: Id, text: z.string(), reason: z.enum(['unchecked', 'area_low']) })),
});

/** An inspection with its attendees, checklist and readiness. */
export const Inspection = z.object({
  id: Id,
  clientId: Id,
  date: DateStr,
  time: z.string().nullable(),
  address: z.string().nullable(),
  authorityPeople: z.string().nullable(),
  attendees: z.array(Attendee),
  consultantName: z.string().nullable(),
  consultantPhone: z.string().nullable(),
  equipmentList: z.string().nullable(),
  notes: z.string().nullable(),
  outcome: InspectionOutcome.nullable(),
  outcomeNotes: z.string().nullable(),
  /** After a pass: the expected issue date (5 working days, spec §5) and years lacking holiday data (estimate). */
  expectedIssueDate: DateStr.nullable(),
  expectedIssueMissingYears: z.array(z.number().int()),
  items: z.array(InspectionItem),
  readiness: Readiness,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Inspection = z.infer<typeof Inspection>;

/** An upcoming inspection for the register's reminder banner. */
export const UpcomingInspection = z.object({
  id: Id, clientId: Id, clientName: z.string(), date: DateStr, time: z.string().nullable(), readiness: Readiness,
});
export type UpcomingInspection = z.infer<typeof UpcomingInspection>;

/** Everything one printed prep sheet shows. `originals`: the client's submitted/accepted materials that have an original, in list order. */
export const PrepSheet = z.object({
  inspection: Inspection,
  client: z.object({
    id: Id, name: z.string(), uscc: z.string(), city: z.string(), district: z.string().nullable(), address: z.string().nullable(),
    legalRep: z.string().nullable(), platformName: z.string().nullable(), domain: z.string().nullable(), icpFilingNo: z.string().nullable(), serverLocation: z.string().nullable(),
  }),
  /** The hosting / cloud agreement on the materials checklist (B04) and its status; null if the item is not on the list. */
  hosting: z.object({ title: z.string(), status: z.enum(MATERIAL_STATUSES) }).nullable(),
  originals: z.array(z.object({ itemKey: z.string(), title: z.string(), status: z.enum(MATERIAL_STATUSES) })),
  /** The client's current process stage (spec §5). */
  stage: z.enum(STAGE_KEYS),
  /** Eligibility conditions that fail (不符合) on the print day, with their values (db/service/report-facts.ts). */
  eligibilityFailures: z.array(z.object({ key: z.string(), no: z.number().int(), condition: z.string(), text: z.string() })),
  /** Pitfall warnings (spec §8) of the eligibility assessment on the print day, Chinese (db/service/report-facts.ts). */
  pitfalls: z.array(z.object({ key: z.string(), code: z.string(), text: z.string() })).default([]),
  /** Open 需补正 material items with their notes, in checklist order. */
  corrections: z.array(z.object({ itemKey: z.string(), title: z.string(), note: z.string().nullable() })),
});
export type PrepSheet = z.infer<typeof PrepSheet>;

const Ok = z.object({ ok: z.literal(true) });
const TemplateList = z.array(InspectionTemplateRow);

export const inspectionsMethods = {
  'inspections.list': { input: z.object({ clientId: Id }), output: z.array(Inspection) },
  'inspections.create': { input: z.object({ clientId: Id, inspection: InspectionInput }), output: Inspection },
  'inspections.update': { input: z.object({ id: Id, inspection: InspectionInput }), output: Inspection },
  'inspections.remove': { input: z.object({ id: Id }), output: Ok },
  'inspections.setItem': {
    input: z.object({ id: Id, checked: z.boolean(), note: OptText(500), measuredAreaM2: z.number().min(0, '面积不能为负').max(100000, '面积过大').nullable().default(null) }),
    output: Inspection,
  },
  'inspections.setOutcome': {
    input: z.object({ id: Id, outcome: InspectionOutcome.nullable(), notes: OptText(4000) }),
    /** The client's stage after the outcome (a pass moves it to 'issuance', dated the inspection date). */
    output: z.object({ inspection: Inspection, stage: z.enum(STAGE_KEYS), stageSince: DateStr.nullable(), noteId: Id.nullable() }),
  },
  'inspections.upcoming': { input: z.object({ from: DateStr, to: DateStr }), output: z.array(UpcomingInspection) },
  'inspections.sheets': {
    input: z.object({ ids: z.array(Id).max(200).default([]), date: DateStr.nullable().default(null) })
      .refine((i) => i.ids.length > 0 || i.date !== null, { message: '请指定核查（ids）或日期（date）', path: ['ids'] }),
    output: z.object({ printedOn: DateStr, sheets: z.array(PrepSheet) }),
  },
  'inspectionTemplate.list': { input: z.object({}).default({}), output: TemplateList },
  'inspectionTemplate.create': {
    input: z.object({ section: InspectionSection, text: Text(60).min(2, '请填写检查项内容'), evidence: EvidenceKind.default('none') }),
    output: TemplateList,
  },
  'inspectionTemplate.update': {
    input: z.object({ id: Id, section: InspectionSection, text: Text(60).min(2, '请填写检查项内容'), evidence: EvidenceKind }),
    output: TemplateList,
  },
  'inspectionTemplate.setRetired': { input: z.object({ id: Id, retired: z.boolean() }), output: TemplateList },
  /** `ids`: every template row's id, in the new order. */
  'inspectionTemplate.setOrder': { input: z.object({ ids: z.array(Id).min(1).max(1000) }), output: TemplateList },
} as const;
