/**
 * Eligibility methods (资质评估, spec §3, §8): the facts the register lacks (fire filing, equipment, staff roles,
 * security measures, violations, abnormal list, the platform's described business, the lease address) and the
 * assessment computed from them. Spread into `contract` in shared/contract.ts.
 */
import { z } from 'zod';
import { CONDITION_KEYS, ENTITY_TYPES, TRI_FACT_KEYS } from '../domain/eligibility';
import { DateStr, Id, Today } from './deadlines';

const Tri = z.boolean().nullable();
const OptText = (max: number) => z.string().trim().max(max, `不能超过${max}个字符`).transform((s) => s || null).nullable().default(null);

export const EligibilityFactsSchema = z.object({
  entityType: z.enum(ENTITY_TYPES).nullable().default(null),
  crossProvince: z.boolean().default(false),
  ...(Object.fromEntries(TRI_FACT_KEYS.map((k) => [k, Tri.default(null)])) as Record<(typeof TRI_FACT_KEYS)[number], z.ZodDefault<typeof Tri>>),
  creditCheckedOn: DateStr.nullable().default(null),
  platformBusiness: OptText(1000),
  leaseAddress: OptText(200),
});
export type EligibilityFactsInput = z.input<typeof EligibilityFactsSchema>;

/** Where a fact came from (see shared/domain/eligibility.ts FactSource). */
export const FactSourceSchema = z.object({
  kind: z.enum(['inspection', 'material', 'register', 'form']), date: DateStr.nullable(), itemKey: z.string().optional(), title: z.string().optional(),
});
const ReasonSchema = z.object({
  code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional(), status: z.enum(['pass', 'fail', 'unknown', 'off']),
  source: FactSourceSchema.optional(),
});
export const EligibilityAssessmentSchema = z.object({
  clientId: Id,
  today: DateStr,
  /** The legal form from the USCC (null if the code is unreadable), shown next to the user's correction. */
  entityFromUscc: z.enum(ENTITY_TYPES).nullable(),
  facts: EligibilityFactsSchema,
  factsUpdatedAt: z.string().nullable(),
  requireOneYear: z.boolean(),
  /** Declared (register) vs measured (latest inspection) office area, m², when more than 10 % apart; else null. */
  areaMismatch: z.object({ declaredM2: z.number(), measuredM2: z.number(), measuredOn: DateStr.nullable() }).nullable(),
  overall: z.enum(['pass', 'fail', 'unknown']),
  results: z.array(z.object({ key: z.enum(CONDITION_KEYS), status: z.enum(['pass', 'fail', 'unknown', 'off']), reasons: z.array(ReasonSchema) })),
  pitfalls: z.array(z.object({ key: z.enum(['beyond_scope', 'forged_materials', 'renewal', 'paper_security']), code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })),
});
export type EligibilityAssessmentOut = z.infer<typeof EligibilityAssessmentSchema>;

export const eligibilityMethods = {
  'eligibility.get': { input: z.object({ clientId: Id, today: Today }), output: EligibilityAssessmentSchema },
  'eligibility.setFacts': { input: z.object({ clientId: Id, facts: EligibilityFactsSchema, today: Today }), output: EligibilityAssessmentSchema },
} as const;
