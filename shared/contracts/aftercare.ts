/**
 * After-care methods (spec §7): a client's licence (number, issue date, expiry, licensed scope, renewal applied),
 * the yearly annual-report jobs and change filings. Spread into `contract` in shared/contract.ts.
 */
import { z } from 'zod';
import { CHANGE_KIND_KEYS } from '../domain/licence';
import { DateStr, DeadlineSchema, Id, Today } from './deadlines';

const Ok = z.object({ ok: z.literal(true) });
const OptText = (max: number) => z.string().trim().max(max, `不能超过${max}个字符`).transform((s) => s || null).nullable().default(null);

export const Licence = z.object({
  id: Id, clientId: Id, number: z.string(), issuedOn: DateStr, expiresOn: DateStr, scope: z.string().nullable(),
  renewalAppliedOn: DateStr.nullable(), createdAt: z.string(), updatedAt: z.string(),
});
export type Licence = z.infer<typeof Licence>;

export const RenewalInfo = z.object({
  expiresOn: DateStr, remindOn: DateStr, warnFrom: DateStr, legalLast: DateStr,
  state: z.enum(['ok', 'remind', 'warn', 'alarm', 'expired', 'applied']), daysToExpiry: z.number().int(), deadline: DeadlineSchema.omit({ subject: true, subjectKey: true }),
});

export const AnnualReport = z.object({
  id: Id, clientId: Id, year: z.number().int(), filedOn: DateStr.nullable(), note: z.string().nullable(),
  opens: DateStr, due: DateStr, lateUntil: DateStr, state: z.enum(['done', 'upcoming', 'open', 'late', 'missed']), remaining: z.number().int(),
});
export type AnnualReport = z.infer<typeof AnnualReport>;

export const ChangeKindSchema = z.enum(CHANGE_KIND_KEYS);
export const ChangeFiling = z.object({
  id: Id, clientId: Id, kind: ChangeKindSchema, changedOn: DateStr, oldValue: z.string().nullable(), newValue: z.string().nullable(),
  filedOn: DateStr.nullable(), note: z.string().nullable(),
  agencyDue: DateStr, legalDue: DateStr, state: z.enum(['filed', 'ok', 'late', 'alarm']), remaining: z.number().int(),
});
export type ChangeFiling = z.infer<typeof ChangeFiling>;

export const aftercareMethods = {
  'licence.get': {
    input: z.object({ clientId: Id, today: Today }),
    output: z.object({ licence: Licence.nullable(), renewal: RenewalInfo.nullable() }),
  },
  'licence.set': {
    input: z.object({
      clientId: Id,
      number: z.string().trim().min(1, '请填写许可证编号').max(40),
      issuedOn: DateStr,
      /** null = issue date + 5 years. */
      expiresOn: DateStr.nullable().default(null),
      scope: OptText(2000),
      renewalAppliedOn: DateStr.nullable().default(null),
    }),
    output: Licence,
  },
  'licence.remove': { input: z.object({ clientId: Id }), output: Ok },
  'annualReports.list': { input: z.object({ clientId: Id, today: Today }), output: z.array(AnnualReport) },
  'annualReports.setFiled': { input: z.object({ id: Id, filedOn: DateStr.nullable(), note: OptText(500), today: Today }), output: AnnualReport },
  'changes.list': { input: z.object({ clientId: Id, today: Today }), output: z.array(ChangeFiling) },
  'changes.create': {
    input: z.object({ clientId: Id, kind: ChangeKindSchema, changedOn: DateStr, oldValue: OptText(500), newValue: OptText(500), note: OptText(500), today: Today }),
    output: ChangeFiling,
  },
  'changes.setFiled': { input: z.object({ id: Id, filedOn: DateStr.nullable(), today: Today }), output: ChangeFiling },
  'changes.remove': { input: z.object({ id: Id }), output: Ok },
} as const;
