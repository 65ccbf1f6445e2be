/**
 * The materials checklist (材料清单, spec §4): the default template the agency uses (17 items in four groups,
 * † = added by the Shanxi authority's own notice) and the status lifecycle of one item on one client.
 * *Rule, user-editable*: the template is copied into the `material_template` table by the first migration;
 * the user edits that table, and a client's checklist is generated from it when the client is created.
 */

/** Material groups A–D with their Chinese and English titles. */
export const MATERIAL_GROUPS = [
  { key: 'A', zh: '基础身份材料', en: 'Basic identity documents' },
  { key: 'B', zh: '场地与设备材料', en: 'Premises and equipment' },
  { key: 'C', zh: '人员与制度材料', en: 'Staff and policies' },
  { key: 'D', zh: '合规材料', en: 'Compliance documents' },
] as const;
export type MaterialGroupKey = (typeof MATERIAL_GROUPS)[number]['key'];

/** One template item: `key` is stable (stored on each client's item), `hint` says what the copy must show. */
export interface MaterialTemplateItem {
  key: string;
  group: MaterialGroupKey;
  title: string;
  hint: string;
  /** The English title and hint (shown in the English UI while the item keeps its default Chinese title). */
  titleEn: string;
  hintEn: string;
  /** true for the items the Shanxi authority's notice adds to the agency's list (†). */
  authorityAdded: boolean;
}

/**
 * Items that exist as an original the company brings to the site inspection (营业执照, signed or sealed documents,
 * contracts, certificates). The others are copies or screenshots by nature, or documents the agency prints (lists,
 * policies, plans) and are not listed under "需携带原件". Stored per template row as `has_original` (migration 0070).
 */
export const ORIGINAL_ITEM_KEYS: readonly string[] = ['A01', 'A02', 'A03', 'B01', 'B02', 'B04', 'C02', 'D01', 'D04', 'D05'];

/** The default template: 17 items (spec §4). */
export const DEFAULT_MATERIAL_TEMPLATE: readonly MaterialTemplateItem[] = [
  { key: 'A01', group: 'A', title: '增值电信业务经营许可证申请表', hint: '公司信息、平台名称、业务范围', titleEn: 'Application form for a value-added telecom business licence', hintEn: 'Company details, platform name, business scope', authorityAdded: false },
  { key: 'A02', group: 'A', title: '营业执照副本复印件', hint: '经营范围与注册资本清晰可见', titleEn: 'Copy of the business licence (duplicate)', hintEn: 'Business scope and registered capital clearly visible', authorityAdded: false },
  { key: 'A03', group: 'A', title: '法定代表人身份证复印件', hint: '签署“与原件一致”', titleEn: 'Copy of the legal representative\'s ID card', hintEn: 'Signed “true copy of the original”', authorityAdded: false },
  { key: 'B01', group: 'B', title: '办公场地租赁合同', hint: '地址、面积、租期', titleEn: 'Office lease contract', hintEn: 'Address, area, lease term', authorityAdded: false },
  { key: 'B02', group: 'B', title: '场地消防备案证明', hint: '租赁场地提供房东的', titleEn: 'Fire-safety filing certificate for the premises', hintEn: 'For leased premises, the landlord\'s', authorityAdded: false },
  { key: 'B03', group: 'B', title: '办公设备清单', hint: '名称、品牌、数量', titleEn: 'Office equipment list', hintEn: 'Name, brand, quantity', authorityAdded: false },
  { key: 'B04', group: 'B', title: '服务器托管/云服务协议', hint: '', titleEn: 'Server hosting / cloud service agreement', hintEn: '', authorityAdded: true },
  { key: 'C01', group: 'C', title: '专职团队名单', hint: '姓名、岗位、身份证号', titleEn: 'List of full-time staff', hintEn: 'Name, position, ID number', authorityAdded: false },
  { key: 'C02', group: 'C', title: '近1个月社保缴纳证明', hint: '', titleEn: 'Social-insurance payment proof for the last month', hintEn: '', authorityAdded: false },
  { key: 'C03', group: 'C', title: '信息安全管理制度', hint: '', titleEn: 'Information-security policy', hintEn: '', authorityAdded: false },
  { key: 'C04', group: 'C', title: '业务运营规范', hint: '业务流程、投诉处理', titleEn: 'Business operation rules', hintEn: 'Business process, complaint handling', authorityAdded: false },
  { key: 'D01', group: 'D', title: '无违规声明', hint: '法定代表人签字：近2年无电信违规', titleEn: 'Declaration of no violations', hintEn: 'Signed by the legal representative: no telecom violations in the last 2 years', authorityAdded: false },
  { key: 'D02', group: 'D', title: '企业信用信息公示报告', hint: '无严重失信记录', titleEn: 'Enterprise credit information report', hintEn: 'No serious dishonesty record', authorityAdded: false },
  { key: 'D03', group: 'D', title: '平台运营方案', hint: '商业模式、目标用户、盈利模式', titleEn: 'Platform operation plan', hintEn: 'Business model, target users, revenue model', authorityAdded: false },
  { key: 'D04', group: 'D', title: '股东追溯材料及证明', hint: '', titleEn: 'Shareholder tracing documents and proof', hintEn: '', authorityAdded: true },
  { key: 'D05', group: 'D', title: '依法经营承诺书 / 告知承诺书', hint: '', titleEn: 'Lawful-operation undertaking / notification-and-commitment letter', hintEn: '', authorityAdded: true },
  { key: 'D06', group: 'D', title: 'ICP备案截图、网站首页截图', hint: '', titleEn: 'ICP filing screenshot and website home-page screenshot', hintEn: '', authorityAdded: true },
];

/**
 * The English title and hint of a checklist item while it still carries the default template's Chinese title for its
 * key (a client's item copies the template's text; the user may rename it, and then their own text is what shows in
 * every language). Null for a renamed or user-added item.
 * @example materialTextEn('B01', '办公场地租赁合同') → { title: 'Office lease contract', hint: 'Address, area, lease term' }
 */
export function materialTextEn(itemKey: string | null | undefined, title: string): { title: string; hint: string } | null {
  const t = DEFAULT_MATERIAL_TEMPLATE.find((x) => x.key === itemKey && x.title === title);
  return t ? { title: t.titleEn, hint: t.hintEn } : null;
}

/** Status of one material item (spec §4 lifecycle). */
export const MATERIAL_STATUSES = ['missing', 'received', 'checked', 'submitted', 'accepted', 'correction'] as const;
export type MaterialStatus = (typeof MATERIAL_STATUSES)[number];

/** Chinese labels of the statuses, as consultants say them. */
export const MATERIAL_STATUS_ZH: Record<MaterialStatus, string> = {
  missing: '待收集',
  received: '已收到',
  checked: '已核对',
  submitted: '已提交',
  accepted: '已通过',
  correction: '需补正',
};

/**
 * Allowed moves: forward along 待收集 → 已收到 → 已核对 → 已提交 → 已通过, 已提交 → 需补正 → 已收到, and one step
 * back from any status to correct a mis-click (e.g. 已收到 → 待收集). Anything else throws VALIDATION in the service.
 */
export const MATERIAL_TRANSITIONS: Record<MaterialStatus, readonly MaterialStatus[]> = {
  missing: ['received'],
  received: ['checked', 'missing'],
  checked: ['submitted', 'received'],
  submitted: ['accepted', 'correction', 'checked'],
  accepted: ['submitted'],
  correction: ['received', 'submitted'],
};

/** True when `from → to` is an allowed move (see {@link MATERIAL_TRANSITIONS}). */
export function canMoveMaterial(from: MaterialStatus, to: MaterialStatus): boolean {
  return MATERIAL_TRANSITIONS[from].includes(to);
}

/** Statuses that count as "done" for a client's progress figure (e.g. 9/17): checked or beyond, not correction. */
export const MATERIAL_DONE_STATUSES: readonly MaterialStatus[] = ['checked', 'submitted', 'accepted'];

/**
 * The originals behind the default checklist's copies (spec §6: the inspectors compare "所有已提交复印件的原件"). Items not
 * listed are documents made for the application (forms, lists, policies, statements, plans, screenshots): what was
 * submitted is itself the document, there is no separate original to bring.
 */
const ORIGINAL_OF: Readonly<Record<string, string>> = {
  A02: '营业执照副本',
  A03: '法定代表人身份证',
  B01: '办公场地租赁合同',
  B02: '场地消防备案证明',
  B04: '服务器托管/云服务协议',
  C02: '近1个月社保缴纳证明（盖章件）',
  D04: '股东追溯材料及证明',
};

/**
 * The original a consultant brings to the site inspection for a checklist item, or null when the item has none
 * (a screenshot, or a document made for the application). Default items by key; an item added by the user by its
 * title: '…复印件' → the title without '复印件', a title with 截图 / 截屏 → null, anything else → null.
 * @example originalOf('A02', '营业执照副本复印件') → '营业执照副本'; originalOf('D06', 'ICP备案截图、网站首页截图') → null
 */
export function originalOf(itemKey: string, title: string): string | null {
  if (ORIGINAL_OF[itemKey] && DEFAULT_MATERIAL_TEMPLATE.some((t) => t.key === itemKey && t.title === title)) return ORIGINAL_OF[itemKey];
  if (/截图|截屏/.test(title)) return null;
  const m = /^(.+?)(?:复印件|复印本)$/.exec(title.trim());
  return m ? m[1] : null;
}
