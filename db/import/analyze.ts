/**
 * Turns a read spreadsheet grid into the import preview: one {@link ImportRow} per data row with normalised client
 * values, flags, Chinese reasons and an outcome (import / flagged / duplicate). Reads the database (existing USCCs)
 * but writes nothing.
 */
import { ImportRow as ImportRowSchema, type ImportField, type ImportMapping, type ImportPreview, type ImportRow } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { cityOfUscc, normalizeCity, toSimplifiedPlaceName } from '../../shared/domain/cities';
import { parseIndustry } from '../../shared/domain/industries';
import { isBlankCell, normalizePhone, parseAreaM2, parseCapitalYuan, parseCount, parseDate } from '../../shared/domain/parse';
import { parseStage } from '../../shared/domain/stages';
import { cleanText, hasFullWidthAscii, toHalfWidth, truncateText } from '../../shared/domain/text';
import { usccCityCode, validateUscc } from '../../shared/domain/uscc';
import { validateIdNumber } from '../../shared/domain/id-number';
import type { ServiceContext } from '../service/context';
import { detectHeader, headerRowFor, headerTexts } from './header-map';
import { isBlankRow, type RawTable } from './read-table';
import { stmt } from '../service/stmt';

/**
 * Eligibility signals raised on import (spec §3, conditions 4–6): registered capital ≥ 1,000,000 yuan (within one
 * province), fixed office ≥ 50 m², ≥ 3 staff with Shanxi social insurance. Below a threshold → capital_low /
 * area_low / staff_low (informational; the full assessment lives elsewhere).
 */
export const ELIGIBILITY_SIGNALS = { minCapitalYuan: 1_000_000, minOfficeAreaM2: 50, minInsuredStaff: 3 } as const;

/** Flags that make a row 'flagged' (needs a decision); the others are informational. */
const DECISION_FLAGS = ['missing_name', 'uscc_invalid', 'uscc_check', 'outside_shanxi', 'city_unknown', 'bad_value'];
/** Decision flags the user may override ("import anyway"). */
const FORCEABLE_FLAGS = ['uscc_check', 'bad_value'];

/** Chinese column names for reasons when the sheet's own heading is empty. */
const FIELD_LABELS: Record<ImportField, string> = {
  seq: '序号', name: '公司名称', uscc: '统一社会信用代码', city: '所在城市', district: '区县', address: '地址', industry: '行业类型',
  platformName: '平台名称', domain: '网站域名', legalRep: '法定代表人', legalRepIdNumber: '法定代表人身份证号', contactName: '联系人', contactPhone: '联系电话',
  capital: '注册资本', founded: '成立日期', officeArea: '办公面积', insuredStaff: '社保人数', stage: '办理阶段',
  consultant: '负责顾问', remark: '备注', businessScope: '经营范围',
};
/** Plain text fields: import field → ClientInput key. */
const TEXT_FIELDS = [
  ['address', 'address'], ['platformName', 'platformName'], ['domain', 'domain'], ['legalRep', 'legalRep'],
  ['contactName', 'contactName'], ['consultant', 'consultant'], ['remark', 'remark'], ['businessScope', 'businessScope'],
] as const;

type Values = ImportRow['values'];
interface Draft { values: Values; flags: string[]; reasons: string[] }

/**
 * Analyses every data row of `table` below the header row.
 *
 * @param ctx service context (reads `clients.uscc` to find existing clients)
 * @param table the grid from readTable
 * @param mapping field → 0-based column; null = suggest one from the headings (detectHeader)
 * @param fileName echoed in the preview
 * @returns the preview (`headerRow` is the 1-based sheet row of the headings); blank rows (and rows with nothing but a 序号) are not data rows and are left out
 * @throws AppError('BAD_FILE') when no header row / company-name column is found or there is no data row
 */
export function analyzeRows(ctx: ServiceContext, table: RawTable, mapping: ImportMapping | null, fileName = ''): ImportPreview {
  const guess = mapping ? null : detectHeader(table.rows);
  const headerRow = guess ? guess.headerRow : headerRowFor(table.rows);
  const map = guess ? guess.mapping : mapping!;
  if (map.name === undefined) throw new AppError('BAD_FILE', '找不到“公司名称”列：请指定哪一列是公司名称');
  const headers = headerTexts(table.rows[headerRow] ?? []);
  const label = (f: ImportField) => (map[f] !== undefined && headers[map[f]!]) || FIELD_LABELS[f];

  const existing = stmt(ctx.db, 'SELECT name FROM clients WHERE uscc = ?');
  const seen = new Map<string, { sheetRow: number; seq: string | null }>();
  const rows: ImportRow[] = [];
  for (let i = headerRow + 1; i < table.rows.length; i++) {
    const cells = table.rows[i] ?? [];
    const cell = (f: ImportField) => (map[f] === undefined ? null : (cells[map[f]!] ?? null));
    if (isBlankRow(cells) || isPlaceholderRow(cells, map.seq)) continue;
    const sheetRow = i + 1;
    const seq = cleanText(cell('seq')) || null;
    const d = rowDraft(cell, label);
    const uscc = d.values.uscc;
    const hit = uscc ? (existing.get(uscc) as { name: string } | undefined) : undefined;
    const first = uscc ? seen.get(uscc) : undefined;
    if (uscc && !first) seen.set(uscc, { sheetRow, seq });
    const base = { sheetRow, seq, values: d.values };
    if (hit) {
      rows.push({ ...base, outcome: 'duplicate', flags: ['exists'], reasons: [`客户台账中已有该企业：${hit.name}（统一社会信用代码 ${uscc}）`], canForce: false, duplicateOf: null });
    } else if (first) {
      const of = `第${first.sheetRow}行${first.seq ? `（序号${first.seq}）` : ''}`;
      rows.push({ ...base, outcome: 'duplicate', flags: ['duplicate_in_file'], reasons: [`与${of}统一社会信用代码相同`], canForce: false, duplicateOf: first.sheetRow });
    } else {
      const decisive = d.flags.filter((f) => DECISION_FLAGS.includes(f));
      const flagged = decisive.length > 0;
      const canForce = flagged && decisive.every((f) => FORCEABLE_FLAGS.includes(f));
      rows.push({ ...base, outcome: flagged ? 'flagged' : 'import', flags: d.flags, reasons: d.reasons, canForce, duplicateOf: null });
    }
  }
  if (!rows.length) throw new AppError('BAD_FILE', '表格中只有表头，没有客户数据');
  const count = (o: ImportRow['outcome']) => rows.filter((r) => r.outcome === o).length;
  return {
    fileName, sheetName: table.sheetName, encoding: table.encoding, headerRow: headerRow + 1, headers, mapping: map, rows,
    summary: { total: rows.length, import: count('import'), flagged: count('flagged'), duplicate: count('duplicate') },
  };
}

/** A row with nothing but its 序号 (pre-numbered empty template lines). */
function isPlaceholderRow(cells: readonly unknown[], seqCol: number | undefined): boolean {
  return seqCol !== undefined && isBlankRow(cells.filter((_, j) => j !== seqCol));
}

/** Parses one row's cells into client values plus flags and reasons (not yet duplicates). */
function rowDraft(cell: (f: ImportField) => unknown, label: (f: ImportField) => string): Draft {
  const d: Draft = { values: {}, flags: [], reasons: [] };
  const flag = (code: string, reason?: string) => {
    if (!d.flags.includes(code)) d.flags.push(code);
    if (reason) d.reasons.push(reason);
  };
  const v = d.values;
  const text = (f: ImportField) => (isBlankCell(cell(f)) ? null : cleanText(cell(f)));

  const name = cleanText(cell('name'));
  if (name.length >= 2 && name.length <= 100) v.name = name;
  else flag('missing_name', name ? `公司名称“${truncateText(name, 20)}”长度不正确（应为2–100个字符）` : '缺少公司名称');

  const rawUscc = cleanText(cell('uscc'));
  const u = validateUscc(rawUscc);
  if (u.uscc && u.uscc.length <= 40) v.uscc = u.uscc;
  if (!u.ok) flag(u.reason === 'check' ? 'uscc_check' : 'uscc_invalid', u.message);
  cityDraft(v, text('city'), text('district'), flag);
  if (hasFullWidthAscii(rawUscc)) flag('uscc_fullwidth');
  if (/[a-z]/.test(toHalfWidth(rawUscc))) flag('uscc_lowercase');

  for (const [f, key] of TEXT_FIELDS) v[key] = text(f);
  v.industry = parseIndustry(text('industry') ?? '');
  const lost: string[] = [];
  const parse = <T>(f: ImportField, fn: (raw: unknown) => T | null): T | null => {
    try {
      return fn(cell(f));
    } catch (e) {
      lost.push(`${label(f)}：${cleanText(cell(f))}`);
      flag('bad_value', `“${label(f)}”列的值“${cleanText(cell(f))}”无法识别${e instanceof AppError ? `：${e.message}` : ''}，该项将留空`);
      return null;
    }
  };
  v.capitalYuan = parse('capital', (raw) => parseCapitalYuan(withHeaderUnit(raw, label('capital'))));
  v.founded = parse('founded', parseDate);
  v.legalRepIdNumber = parse('legalRepIdNumber', (raw) => {
    if (isBlankCell(raw)) return null;
    const r = validateIdNumber(cleanText(raw));
    if (!r.ok) throw new AppError('VALIDATION', r.message);
    return r.id;
  });
  v.contactPhone = parse('contactPhone', normalizePhone);
  v.officeAreaM2 = parse('officeArea', parseAreaM2);
  v.insuredStaff = parse('insuredStaff', parseCount);
  v.stage = parse('stage', (raw) => {
    const s = isBlankCell(raw) ? '' : cleanText(raw);
    const key = s ? parseStage(s) : null;
    if (s && !key) throw new AppError('VALIDATION', '不是已知的办理阶段');
    return key;
  });
  enforceSchema(d, label, flag);
  // Keep what could not be read in the remark, so importing anyway loses no information.
  if (lost.length) v.remark = truncateText([v.remark, `【导入时未能识别】${lost.join('；')}`].filter(Boolean).join('\n'), 2000, { ellipsis: '', measure: 'utf16' });

  const { minCapitalYuan, minOfficeAreaM2, minInsuredStaff } = ELIGIBILITY_SIGNALS;
  if (v.capitalYuan != null && v.capitalYuan < minCapitalYuan) flag('capital_low');
  if (v.officeAreaM2 != null && v.officeAreaM2 < minOfficeAreaM2) flag('area_low');
  if (v.insuredStaff != null && v.insuredStaff < minInsuredStaff) flag('staff_low');
  return d;
}

/** City and district: the typed city wins (warning city_mismatch against the USCC); empty/unknown → from the USCC. */
function cityDraft(v: Values, cityText: string | null, districtText: string | null, flag: (c: string, r?: string) => void): void {
  const m = normalizeCity(cityText ?? '');
  const code = v.uscc ? usccCityCode(v.uscc) : null;
  const byUscc = v.uscc ? cityOfUscc(v.uscc) : null;
  v.district = districtText ? toSimplifiedPlaceName(districtText) : m.kind === 'shanxi' ? m.district : null;
  if (m.kind === 'outside') {
    flag('outside_shanxi', `所在城市“${m.raw}”不在山西省，不属于山西省通信管理局受理范围`);
  } else if (code && !code.startsWith('14')) {
    flag('outside_shanxi', `统一社会信用代码的行政区划（${code}）不在山西省，不属于山西省通信管理局受理范围`);
  } else if (m.kind === 'shanxi') {
    v.city = m.city;
    if (byUscc && byUscc !== m.city) flag('city_mismatch');
  } else if (byUscc) {
    v.city = byUscc;
  } else {
    flag('city_unknown', m.kind === 'unknown' ? `无法识别所在城市“${m.raw}”` : '缺少所在城市，且无法从统一社会信用代码判断');
  }
}

/** A bare number under a heading such as “注册资本（万元）” is in that unit. */
function withHeaderUnit(raw: unknown, heading: string): unknown {
  const unit = /亿/.test(heading) ? '亿' : /万/.test(heading) ? '万' : '';
  const s = typeof raw === 'number' ? String(raw) : toHalfWidth(cleanText(raw)).replace(/\s|,/g, '');
  return unit && /^\d+(\.\d+)?$/.test(s) ? `${s}${unit}` : raw;
}

/** Values must fit the contract's ClientInput limits; an offending optional field is emptied and flagged bad_value. */
function enforceSchema(d: Draft, label: (f: ImportField) => string, flag: (c: string, r?: string) => void): void {
  const check = ImportRowSchema.shape.values.safeParse(d.values);
  if (check.success) return;
  for (const issue of check.error.issues) {
    const key = String(issue.path[0]) as keyof Values;
    if (key === 'name' || key === 'uscc' || key === 'city') continue;
    const field = (Object.entries({ capitalYuan: 'capital', officeAreaM2: 'officeArea' }).find(([k]) => k === key)?.[1] ?? key) as ImportField;
    flag('bad_value', `“${label(field)}”${issue.message}，该项将留空`);
    (d.values as Record<string, unknown>)[key] = null;
  }
}
