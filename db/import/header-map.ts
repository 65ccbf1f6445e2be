/**
 * Finds the header row of a client spreadsheet and suggests which column feeds which client field, from the Chinese
 * headings consultants use (公司名称, 统一社会信用代码, 所在城市 …).
 */
import { IMPORT_FIELDS, type ImportField, type ImportMapping } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { cleanText, toHalfWidth, WHITESPACE_RE } from '../../shared/domain/text';

/** Header aliases per import field, compared after {@link normalizeHeader}. The first alias is the canonical heading. */
export const HEADER_ALIASES: Readonly<Record<ImportField, readonly string[]>> = {
  seq: ['序号', '编号', '序', 'no', 'no.'],
  name: ['公司名称', '企业名称', '客户名称', '单位名称', '公司全称', '企业全称', '单位全称', '客户全称', '主体名称', '申请单位', '客户单位', '公司名', '企业名', '名称', '客户', '公司', '企业', '单位'],
  uscc: ['统一社会信用代码', '社会信用代码', '信用代码', '统一代码', '社会统一信用代码', '统一信用代码', '税号', '纳税人识别号', '纳税识别号', '营业执照号', '营业执照号码', '注册号', 'uscc'],
  city: ['所在城市', '城市', '地市', '所在地市', '所属城市', '所属地市', '地区', '所在地区', '所属地区', '地级市', '所在市', '所在地'],
  district: ['区县', '所在区县', '县区', '区/县', '所属区县', '县/区', '区域'],
  address: ['地址', '办公地址', '注册地址', '经营地址', '详细地址', '住所', '公司地址', '企业地址', '通讯地址', '联系地址', '经营场所'],
  industry: ['行业类型', '行业', '所属行业', '业务类型', '行业场景', '行业分类'],
  platformName: ['平台名称', '网站名称', 'app名称', '平台', '小程序名称', '应用名称'],
  domain: ['网站域名', '域名', '网址', '网站', '网站地址', '网站网址', 'url'],
  icpFilingNo: ['ICP备案号', '备案号', '网站备案号', 'ICP备案'],
  serverLocation: ['服务器所在地', '服务器位置', '服务器地址', '机房'],
  legalRep: ['法定代表人', '法人', '法人代表', '法人姓名', '法定代表人姓名', '法定代表'],
  legalRepIdNumber: ['法定代表人身份证号', '法定代表人身份证号码', '法人身份证号', '法人身份证号码', '法人身份证', '身份证号', '身份证号码'],
  contactName: ['联系人', '对接人', '联系人姓名', '业务联系人', '客户联系人'],
  contactPhone: ['联系电话', '电话', '手机', '手机号', '联系方式', '联系人电话', '联系人手机', '手机号码', '电话号码', '移动电话', '联系手机'],
  capital: ['注册资本', '注册资金', '注册资本金', '注册资本额'],
  founded: ['成立日期', '注册日期', '成立时间', '注册时间', '设立日期', '成立年月日', '营业执照日期'],
  officeArea: ['办公面积', '面积', '办公场地面积', '办公场所面积', '经营场所面积'],
  insuredStaff: ['社保人数', '参保人数', '社保缴纳人数', '缴纳社保人数', '社保缴费人数'],
  stage: ['办理阶段', '阶段', '当前阶段', '进度', '办理进度', '办理状态'],
  stageSince: ['阶段日期', '进入阶段日期', '阶段开始日期', '阶段变更日期', '进入本阶段日期'],
  consultant: ['负责顾问', '顾问', '负责人', '经办人', '跟进人', '业务员', '对接顾问'],
  remark: ['备注', '说明', '备注信息', '备注说明'],
  businessScope: ['经营范围', '主营业务', '业务范围'],
};

/**
 * Aliases that only match a whole heading, never its ending: too generic ('重点客户' is not the company name,
 * '技术负责人' is not the consultant).
 */
const EXACT_ONLY: ReadonlySet<string> = new Set(['名称', '客户', '公司', '企业', '单位', '序', '平台', '网站', '进度', '说明', '负责人', '地区', '区域', '注册号', 'url', '机房']);

/** How many leading rows may precede the header (titles, notes). */
const HEADER_SEARCH_ROWS = 10;

/**
 * A heading as compared with the aliases: half-width, lower case, without whitespace, bracketed units or notes
 * ('办公面积(㎡)' → '办公面积', '注册资本（万元）' → '注册资本'), required-field marks (*) and trailing colons.
 */
export function normalizeHeader(raw: unknown): string {
  return toHalfWidth(cleanText(raw))
    .replace(WHITESPACE_RE, '')
    .replace(/[([{【][^)\]}】]*[)\]}】]/g, '')
    .replace(/^[*※]+|[*※:：]+$/g, '')
    .toLowerCase();
}

/** The field a heading names, or null: exact alias first, else the longest alias the heading ends with
 * ('固定电话' → contactPhone; aliases in EXACT_ONLY never match by ending). */
export function fieldOfHeader(raw: unknown): ImportField | null {
  const h = normalizeHeader(raw);
  if (!h) return null;
  let best: { field: ImportField; len: number } | null = null;
  for (const field of IMPORT_FIELDS) {
    for (const alias of HEADER_ALIASES[field]) {
      if (alias === h) return field;
      if (alias.length >= 2 && !EXACT_ONLY.has(alias) && h.endsWith(alias) && (!best || alias.length > best.len)) best = { field, len: alias.length };
    }
  }
  return best?.field ?? null;
}

/** Result of {@link detectHeader}: 0-based row index, display texts of that row, suggested mapping. */
export interface HeaderGuess {
  headerRow: number;
  headers: string[];
  mapping: ImportMapping;
}

/**
 * Finds the header row: the first of the first 10 rows with a cell naming the company (公司名称 / 企业名称 / 客户名称 /
 * 单位名称 …), and maps every recognised heading to its field (the leftmost column wins when two name the same field).
 *
 * @param rows the sheet grid (see RawTable.rows)
 * @throws AppError('BAD_FILE') when no such row exists
 */
export function detectHeader(rows: readonly unknown[][]): HeaderGuess {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r++) {
    const row = rows[r] ?? [];
    if (!row.some((c) => fieldOfHeader(c) === 'name')) continue;
    const mapping: ImportMapping = {};
    row.forEach((cell, col) => {
      const field = fieldOfHeader(cell);
      if (field && mapping[field] === undefined) mapping[field] = col;
    });
    return { headerRow: r, headers: headerTexts(row), mapping };
  }
  throw AppError.of('BAD_FILE', msg('file_no_name_column'));
}

/**
 * The header row when the user supplied the mapping: the alias-detected row if any, else the first of the first 10
 * rows with at least two different non-empty cells (a merged title row repeats one value, so it is passed over).
 *
 * @throws AppError('BAD_FILE') when neither is found
 */
export function headerRowFor(rows: readonly unknown[][]): number {
  try {
    return detectHeader(rows).headerRow;
  } catch (e) {
    const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
    for (let r = 0; r < limit; r++) {
      const texts = new Set((rows[r] ?? []).map((c) => cleanText(c)).filter(Boolean));
      if (texts.size >= 2) return r;
    }
    throw e;
  }
}

/** The display text of each cell of a header row ('' for empty cells). */
export function headerTexts(row: readonly unknown[]): string[] {
  return Array.from(row, (c) => cleanText(c));
}

/**
 * The key a header set is remembered under (import_mappings): every heading normalised ({@link normalizeHeader}),
 * joined by U+001F, trailing empty headings dropped. Two sheets with the same headings in the same order share it.
 */
export function headerKey(row: readonly unknown[]): string {
  const h = Array.from(row, (c) => normalizeHeader(c));
  while (h.length && !h[h.length - 1]) h.pop();
  return h.join('\u001f');
}
