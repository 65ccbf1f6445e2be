/**
 * The application's process stages (spec §5) as data: key (stored in the database), order, Chinese and English
 * labels (the one source of the UI's `common.stage.<key>`) and the authority's default time limit for the stage, with its source. *Rule*: shown to the user in
 * settings; deadlines derived from these limits live in the deadline rules, not here.
 */
export const STAGES = [
  { key: 'consultation', no: 1, zh: '咨询评估', en: 'Consultation', limitZh: '—', limitEn: '—' },
  { key: 'materials', no: 2, zh: '材料准备', en: 'Materials', limitZh: '内部目标，按客户设定', limitEn: 'internal target, per client' },
  {
    key: 'pre_application', no: 3, zh: '线上预申请', en: 'Online pre-application',
    limitZh: '初审5个工作日；补正3日内', limitEn: 'initial review 5 working days; correction within 3 days',
  },
  {
    key: 'formal_submission', no: 4, zh: '正式提交', en: 'Formal submission',
    limitZh: '审查10个工作日（法规上限60日）', limitEn: 'review 10 working days (regulation: up to 60 days)',
  },
  { key: 'site_inspection', no: 5, zh: '现场核查', en: 'Site inspection', limitZh: '核查前1天打印准备单', limitEn: 'prep sheet printed 1 day before' },
  { key: 'issuance', no: 6, zh: '发证', en: 'Issuance', limitZh: '核查通过后5个工作日内', limitEn: 'within 5 working days after a passed inspection' },
  { key: 'aftercare', no: 7, zh: '后续管理', en: 'After-care', limitZh: '许可证有效期5年', limitEn: 'licence valid 5 years' },
] as const;

/** A stage key as stored in `clients.stage`. */
export type StageKey = (typeof STAGES)[number]['key'];
export const STAGE_KEYS = STAGES.map((s) => s.key) as unknown as readonly [StageKey, ...StageKey[]];

/** Spellings consultants use in their spreadsheets for each stage (e.g. "已发证" → issuance). */
const STAGE_ALIASES: Record<string, StageKey> = {
  咨询: 'consultation', 咨询评估: 'consultation', 资质评估: 'consultation', 评估: 'consultation',
  材料准备: 'materials', 材料收集: 'materials', 准备材料: 'materials',
  线上预申请: 'pre_application', 预申请: 'pre_application', 网上预申请: 'pre_application',
  正式提交: 'formal_submission', 正式申请: 'formal_submission', 已提交: 'formal_submission',
  现场核查: 'site_inspection', 核查: 'site_inspection', 现场检查: 'site_inspection',
  发证: 'issuance', 已发证: 'issuance', 待发证: 'issuance',
  后续管理: 'aftercare', 年报: 'aftercare', 续期: 'aftercare',
};

/** Maps a spreadsheet's stage text (Chinese label, alias or key) to a {@link StageKey}; null when unrecognised. */
export function parseStage(raw: string): StageKey | null {
  const s = raw.trim().replace(/\s+/g, '');
  if (!s) return null;
  if ((STAGE_KEYS as readonly string[]).includes(s)) return s as StageKey;
  return STAGE_ALIASES[s] ?? null;
}

/** The stage record for a key; throws on an unknown key (a programming error). */
export function stageOf(key: StageKey) {
  const s = STAGES.find((x) => x.key === key);
  if (!s) throw new Error(`unknown stage ${key}`);
  return s;
}
