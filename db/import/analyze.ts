/**
 * Turns a read spreadsheet grid into the import preview: one {@link ImportRow} per data row with normalised client
 * values, flags, Chinese reasons and an outcome (import / flagged / duplicate). Reads the database (existing USCCs)
 * but writes nothing.
 */
import { IMPORT_FIELDS, ImportRow as ImportRowSchema, type ImportColumn, type ImportField, type ImportMapping, type ImportPreview, type ImportReason, type ImportRow } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { msg, zhText, type Message } from '../../shared/messages';
import { cityOfUscc, normalizeCity, toSimplifiedPlaceName } from '../../shared/domain/cities';
import { parseIndustry } from '../../shared/domain/industries';
import { isBlankCell, normalizePhone, parseAreaM2, parseCapitalYuan, parseCount, parseDate } from '../../shared/domain/parse';
import { parseStage } from '../../shared/domain/stages';
import { cleanMultiline, cleanText, hasFullWidthAscii, splitGraphemes, toHalfWidth, truncateText } from '../../shared/domain/text';
import { usccCityCode, validateUscc } from '../../shared/domain/uscc';
import { ELIGIBILITY_LIMITS } from '../../shared/domain/eligibility';
import { validateIdNumber } from '../../shared/domain/id-number';
import type { ServiceContext } from '../service/context';
import { detectHeader, headerKey, headerRowFor, headerTexts } from './header-map';
import { rememberedMapping } from './mapping-memory';
import { isBlankRow, MAX_DATA_ROWS, type RawTable } from './read-table';
import { stmt } from '../service/stmt';

/**
 * Eligibility signals raised on import (spec §3, conditions 4–6), from the one table of thresholds
 * (ELIGIBILITY_LIMITS): registered capital ≥ 1,000,000 yuan (within one province), fixed office ≥ 50 m², ≥ 3 staff
 * with Shanxi social insurance. Below a threshold → capital_low /
 * area_low / staff_low (informational; the full assessment lives elsewhere).
 */
export const ELIGIBILITY_SIGNALS = {
  minCapitalYuan: ELIGIBILITY_LIMITS.capitalProvinceYuan,
  minOfficeAreaM2: ELIGIBILITY_LIMITS.minOfficeAreaM2,
  minInsuredStaff: ELIGIBILITY_LIMITS.minStaff,
} as const;

/** Flags that make a row 'flagged' (needs a decision); the others are informational. */
const DECISION_FLAGS = ['missing_name', 'name_too_long', 'uscc_invalid', 'uscc_check', 'outside_shanxi', 'city_unknown', 'bad_value'];
/** Decision flags the user may override ("import anyway"). */
const FORCEABLE_FLAGS = ['uscc_check', 'bad_value'];

/** Chinese column names for reasons when the sheet's own heading is empty. */
const FIELD_LABELS: Record<ImportField, string> = {
  seq: '序号', name: '公司名称', uscc: '统一社会信用代码', city: '所在城市', district: '区县', address: '地址', industry: '行业类型',
  platformName: '平台名称', domain: '网站域名', icpFilingNo: 'ICP备案号', serverLocation: '服务器所在地', legalRep: '法定代表人', legalRepIdNumber: '法定代表人身份证号', contactName: '联系人', contactPhone: '联系电话',
  capital: '注册资本', founded: '成立日期', officeArea: '办公面积', insuredStaff: '社保人数', stage: '办理阶段', stageSince: '阶段日期',
  consultant: '负责顾问', remark: '备注', businessScope: '经营范围',
};
/** Plain text fields: import field → ClientInput key. */
const TEXT_FIELDS = [
  ['address', 'address'], ['platformName', 'platformName'], ['domain', 'domain'], ['icpFilingNo', 'icpFilingNo'], ['serverLocation', 'serverLocation'], ['legalRep', 'legalRep'],
  ['contactName', 'contactName'], ['consultant', 'consultant'], ['remark', 'remark'], ['businessScope', 'businessScope'],
] as const;
/** Fields whose line breaks are kept (CRLF / LF / Alt+Enter → LF). */
const MULTILINE_FIELDS: ReadonlySet<ImportField> = new Set(['address', 'remark', 'businessScope']);

type Values = ImportRow['values'];
/**
 * One row's values, flags and reasons; `kept`: text no client field could hold (a value over its field's length limit,
 * the 【导入时未能识别】 note when the 备注 has no room for it), saved whole as 其他信息 ahead of the unmapped columns.
 */
interface Draft { values: Values; flags: string[]; reasons: ImportReason[]; kept: ImportRow['extra'] }

/** The 备注 length limit (shared/contract.ts ClientInput.remark: OptText(2000), UTF-16 code units as zod counts). */
const REMARK_MAX = 2000;

/**
 * 其他信息 limits the client page saves with (shared/contract.ts: ExtraInfoItem label ≤ 100, value ≤ 5000 UTF-16 units;
 * clients.setExtraInfo at most 200 items).
 */
const EXTRA_LABEL_MAX = 100;
const EXTRA_VALUE_MAX = 5000;
const EXTRA_ITEMS_MAX = 200;
/** The heading of the items that gather the columns beyond the 199th (「列名：内容」 a line each). */
const EXTRA_MORE_LABEL = '更多列';

/** `text` in pieces of at most {@link EXTRA_VALUE_MAX} UTF-16 units, cut between characters (never inside one). */
function splitValue(text: string): string[] {
  let part = '';
  const parts: string[] = [];
  for (const g of splitGraphemes(text)) {
    if (part.length + g.length > EXTRA_VALUE_MAX) {
      parts.push(part);
      part = '';
    }
    part += g;
  }
  if (part) parts.push(part);
  return parts;
}

/**
 * Fits a row's 其他信息 to the limits the client page saves them with, so a client imported with a long text or many
 * columns can still have its 其他信息 edited and saved: a value over 5,000 characters continues in items labelled
 * “跟进记录（续2）”, “（续3）”… (cut between characters, never inside one), a heading over 100 characters is shortened, and
 * beyond 200 items the rest are gathered as 「列名：内容」 lines in items headed 更多列 (更多列（续2）…). Nothing is
 * dropped (a row would need about a million characters of extra text to outgrow 200 items of 5,000).
 */
export function fitExtra(items: ImportRow['extra']): ImportRow['extra'] {
  if (items.length <= EXTRA_ITEMS_MAX && items.every((x) => x.value.length <= EXTRA_VALUE_MAX && x.label.length <= EXTRA_LABEL_MAX)) return items;
  const out: ImportRow['extra'] = [];
  for (const x of items) {
    const label = (suffix: string) => truncateText(x.label, EXTRA_LABEL_MAX - suffix.length, { measure: 'utf16' }) + suffix;
    splitValue(x.value).forEach((value, k) => out.push({ label: label(k === 0 ? '' : `（续${k + 1}）`), value }));
    if (x.value === '') out.push({ label: label(''), value: '' });
  }
  if (out.length <= EXTRA_ITEMS_MAX) return out;
  // Keep the first items as they are; the rest become lines of one text, split into as few items as it takes.
  const lines = (keep: number) => out.slice(keep).map((x) => `${x.label}：${x.value}`).join('\n');
  let keep = EXTRA_ITEMS_MAX - 1;
  while (keep > 0 && keep + splitValue(lines(keep)).length > EXTRA_ITEMS_MAX) keep--;
  const more = splitValue(lines(keep)).map((value, k) => ({ label: k === 0 ? EXTRA_MORE_LABEL : `${EXTRA_MORE_LABEL}（续${k + 1}）`, value }));
  return [...out.slice(0, keep), ...more];
}

/** A reason as the contract carries it: code, params and its zh-CN text. */
const reason = (m: Message): ImportReason => ({ code: m.code, params: m.params, text: zhText(m) });

/** Spreadsheet column letters: 0 → A, 26 → AA. */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * A cell as the raw text kept in 其他信息: strings as written (trimmed, line breaks kept as LF, leading zeros kept),
 * numbers as JS prints them, dates as YYYY-MM-DD, booleans as TRUE/FALSE; '' for an empty cell.
 */
export function rawCellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return cleanMultiline(v);
}

/**
 * What analysing a sheet yields before the register is asked: a pure function of the table, the header row, the
 * mapping and the ignored columns ({@link analyzeSheet}). A commit reuses its preview's (the UI thread keeps it as
 * v8-serialised bytes next to the read table) when `key` matches, and only re-checks the register
 * ({@link previewOf}), which may have changed since the preview.
 */
export interface SheetAnalysis {
  /** Header row, mapping and ignored columns the rows were analysed with (JSON): a reused analysis must match. */
  key: string;
  headers: string[];
  columns: ImportColumn[];
  rows: DraftRow[];
}
/** One data row analysed without the register: values, 其他信息, flags, reasons; `firstOf`: an earlier row with its USCC. */
interface DraftRow extends Draft {
  sheetRow: number;
  seq: string | null;
  extra: ImportRow['extra'];
  firstOf: { sheetRow: number; seq: string | null } | null;
}
/** The header row, mapping and ignored columns a preview or commit uses (the remembered ones when not given). */
interface Resolved {
  headerRow: number;
  map: ImportMapping;
  ignored: number[];
  mappingSource: ImportPreview['mappingSource'];
}

/**
 * Analyses every data row of `table` below the header row.
 *
 * @param ctx service context (reads `clients.uscc` to find existing clients, `import_mappings` for a remembered mapping)
 * @param table the grid from readTable
 * @param mapping field → 0-based column; null = the mapping remembered for this header set, else one suggested from
 *   the headings (detectHeader)
 * @param fileName echoed in the preview
 * @param ignore 0-based columns the user chose to ignore (null = remembered / none); every other column that feeds no
 *   field goes to the row's 其他信息 (`extra`)
 * @param reuse an earlier {@link analyzeSheet} of the same table: used when made with the same header row, mapping and
 *   ignored columns (only the register is checked again), else ignored
 * @returns the preview (`headerRow` is the 1-based sheet row of the headings; `columns` lists every column with its
 *   destination); blank rows (and rows with nothing but a 序号) are not data rows and are left out
 * @throws AppError('BAD_FILE') file_no_name_column / file_name_column_unmapped / file_headers_only / file_too_many_rows
 */
export function analyzeRows(ctx: ServiceContext, table: RawTable, mapping: ImportMapping | null, fileName = '', ignore: readonly number[] | null = null, reuse: SheetAnalysis | null = null): ImportPreview {
  const resolved = resolveMapping(ctx, table, mapping, ignore);
  return previewOf(ctx, table, resolved, analyzeSheet(table, resolved, reuse), fileName);
}

/**
 * The header row, mapping and ignored columns: `mapping` (header row from the headings) or, when null, the mapping
 * remembered for this header set (import_mappings) or the one suggested by the headings; `ignore` null = the
 * remembered one or none. Ignoring a mapped column has no effect (left out).
 * @throws AppError('BAD_FILE') file_no_name_column / file_name_column_unmapped
 */
export function resolveMapping(ctx: ServiceContext, table: RawTable, mapping: ImportMapping | null, ignore: readonly number[] | null): Resolved {
  let map: ImportMapping;
  let headerRow: number;
  let ignored = ignore ?? [];
  let mappingSource: ImportPreview['mappingSource'] = 'user';
  if (mapping) {
    headerRow = headerRowFor(table.rows);
    map = mapping;
  } else {
    const guess = detectHeader(table.rows);
    headerRow = guess.headerRow;
    const remembered = rememberedMapping(ctx, headerKey(table.rows[headerRow] ?? []));
    map = remembered?.mapping ?? guess.mapping;
    if (ignore === null) ignored = remembered?.ignore ?? [];
    mappingSource = remembered ? 'remembered' : 'detected';
  }
  if (map.name === undefined) throw AppError.of('BAD_FILE', msg('file_name_column_unmapped'));
  const mapped = new Set(IMPORT_FIELDS.map((f) => map[f]).filter((c) => c !== undefined));
  return { headerRow, map, ignored: [...new Set(ignored)].filter((c) => !mapped.has(c)).sort((a, b) => a - b), mappingSource };
}

/**
 * Analyses the data rows of `table` without the database: columns and their destinations, each row's values,
 * 其他信息, flags and reasons, and which rows repeat an earlier row's USCC. Returns `reuse` itself when it was made
 * with the same header row, mapping and ignored columns (the caller vouches that it is of the same table).
 * @throws AppError('BAD_FILE') file_too_many_rows
 */
export function analyzeSheet(table: RawTable, r: Resolved, reuse: SheetAnalysis | null = null): SheetAnalysis {
  const { headerRow, map } = r;
  const key = JSON.stringify([headerRow, IMPORT_FIELDS.map((f) => map[f] ?? null), r.ignored]);
  if (reuse?.key === key) return reuse;
  const headers = headerTexts(table.rows[headerRow] ?? []);
  const label = (f: ImportField) => (map[f] !== undefined && headers[map[f]!]) || FIELD_LABELS[f];

  const body = table.rows.slice(headerRow + 1);
  const width = body.reduce((w, row) => Math.max(w, row.length), headers.length);
  const fieldOfCol = new Map<number, ImportField>();
  for (const f of IMPORT_FIELDS) if (map[f] !== undefined && !fieldOfCol.has(map[f]!)) fieldOfCol.set(map[f]!, f);
  const ignoredSet = new Set(r.ignored);
  const columns: ImportColumn[] = [];
  for (let c = 0; c < width; c++) {
    const field = fieldOfCol.get(c) ?? null;
    const hasValue = body.some((row) => rawCellText(row[c]) !== '');
    const destination = field ? 'field' : ignoredSet.has(c) ? 'ignored' : hasValue ? 'extra' : 'empty';
    columns.push({ index: c, letter: columnLetter(c), header: headers[c] ?? '', destination, field });
  }
  const extraCols = columns.filter((c) => c.destination === 'extra');

  const seen = new Map<string, { sheetRow: number; seq: string | null }>();
  const rows: DraftRow[] = [];
  for (let i = headerRow + 1; i < table.rows.length; i++) {
    const cells = table.rows[i] ?? [];
    const cell = (f: ImportField) => (map[f] === undefined ? null : (cells[map[f]!] ?? null));
    if (isBlankRow(cells) || isPlaceholderRow(cells, map.seq)) continue;
    if (rows.length >= MAX_DATA_ROWS) throw AppError.of('BAD_FILE', msg('file_too_many_rows', { max: MAX_DATA_ROWS }));
    const sheetRow = i + 1;
    const seq = cleanText(cell('seq')) || null;
    const d = rowDraft(cell, label);
    const extra = fitExtra([...d.kept, ...extraCols
      .map((c) => ({ label: c.header || `${c.letter}列`, value: rawCellText(cells[c.index]) }))
      .filter((e) => e.value !== '')]);
    const uscc = d.values.uscc;
    const first = uscc ? seen.get(uscc) : undefined;
    if (uscc && !first) seen.set(uscc, { sheetRow, seq });
    rows.push({ sheetRow, seq, ...d, extra, firstOf: first ?? null });
  }
  if (!rows.length) throw AppError.of('BAD_FILE', msg('file_headers_only'));
  return { key, headers, columns, rows };
}

/**
 * The preview of an analysed sheet against the register as it is now: a row whose USCC a client has is a duplicate
 * (reason_exists), then one repeating an earlier row's USCC (duplicate_in_file), else import or flagged by its flags.
 * Reads `clients` (one statement for all the sheet's USCCs), writes nothing.
 */
export function previewOf(ctx: ServiceContext, table: RawTable, r: Resolved, sheet: SheetAnalysis, fileName: string): ImportPreview {
  const usccs = [...new Set(sheet.rows.map((d) => d.values.uscc).filter((u): u is string => !!u))];
  const existing = new Map<string, string>();
  for (const h of stmt(ctx.db, 'SELECT uscc, name FROM clients WHERE uscc IN (SELECT value FROM json_each(?))').all(JSON.stringify(usccs)) as { uscc: string; name: string }[]) {
    existing.set(h.uscc, h.name);
  }
  const rows: ImportRow[] = sheet.rows.map((d) => {
    const base = { sheetRow: d.sheetRow, seq: d.seq, values: d.values, extra: d.extra };
    const uscc = d.values.uscc;
    const hit = uscc ? existing.get(uscc) : undefined;
    const first = d.firstOf;
    if (hit !== undefined) {
      return { ...base, outcome: 'duplicate', flags: ['exists'], reasons: [reason(msg('reason_exists', { name: hit, uscc }))], canForce: false, duplicateOf: null };
    }
    if (first) {
      const m = first.seq ? msg('reason_duplicate_in_file_seq', { row: first.sheetRow, seq: first.seq }) : msg('reason_duplicate_in_file', { row: first.sheetRow });
      return { ...base, outcome: 'duplicate', flags: ['duplicate_in_file'], reasons: [reason(m)], canForce: false, duplicateOf: first.sheetRow };
    }
    const decisive = d.flags.filter((f) => DECISION_FLAGS.includes(f));
    const flagged = decisive.length > 0;
    const canForce = flagged && decisive.every((f) => FORCEABLE_FLAGS.includes(f));
    return { ...base, outcome: flagged ? 'flagged' : 'import', flags: d.flags, reasons: d.reasons, canForce, duplicateOf: null };
  });
  const count = (o: ImportRow['outcome']) => rows.filter((x) => x.outcome === o).length;
  const extraValues = rows.filter((x) => x.outcome === 'import').reduce((n, x) => n + x.extra.length, 0);
  return {
    fileName, sheetName: table.sheetName, encoding: table.encoding, headerRow: r.headerRow + 1, headers: sheet.headers, mapping: r.map,
    mappingSource: r.mappingSource, ignore: r.ignored, columns: sheet.columns, rows,
    summary: { total: rows.length, import: count('import'), flagged: count('flagged'), duplicate: count('duplicate'), extraValues },
  };
}

/** A row with nothing but its 序号 (pre-numbered empty template lines). */
function isPlaceholderRow(cells: readonly unknown[], seqCol: number | undefined): boolean {
  return seqCol !== undefined && isBlankRow(cells.filter((_, j) => j !== seqCol));
}

/** Parses one row's cells into client values plus flags and reasons (not yet duplicates). */
function rowDraft(cell: (f: ImportField) => unknown, label: (f: ImportField) => string): Draft {
  const d: Draft = { values: {}, flags: [], reasons: [], kept: [] };
  const flag = (code: string, m?: Message) => {
    if (!d.flags.includes(code)) d.flags.push(code);
    if (m) d.reasons.push(reason(m));
  };
  const v = d.values;
  const text = (f: ImportField) => (isBlankCell(cell(f)) ? null : MULTILINE_FIELDS.has(f) ? cleanMultiline(cell(f)) : cleanText(cell(f)));

  const name = cleanText(cell('name'));
  const nameLength = [...name].length;
  if (nameLength >= 2 && nameLength <= 100) v.name = name;
  else if (!name) flag('missing_name', msg('reason_name_missing'));
  else if (nameLength > 100) flag('name_too_long', msg('reason_name_too_long', { length: nameLength, start: truncateText(name, 20) }));
  else flag('missing_name', msg('reason_name_too_short', { name }));

  const rawUscc = cleanText(cell('uscc'));
  const u = validateUscc(rawUscc);
  if (u.uscc && u.uscc.length <= 40) v.uscc = u.uscc;
  if (!u.ok && u.reason !== 'check' && /^[0-9A-Z]{15}$/.test(u.uscc)) {
    // A 15-character 税号 / 注册号 from before 2015: not a USCC, say so instead of "should be 18 characters".
    flag('uscc_invalid', msg('reason_tax_id_15', { column: label('uscc'), value: u.uscc }));
    flag('tax_id_15');
  } else if (!u.ok) flag(u.reason === 'check' ? 'uscc_check' : 'uscc_invalid', u.msg);
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
      const detail = e instanceof AppError && e.msg ? e.msg : msg('capital_unreadable', { value: cleanText(cell(f)) });
      flag('bad_value', msg('reason_bad_value', { column: label(f), detail }));
      return null;
    }
  };
  v.capitalYuan = parse('capital', (raw) => parseCapitalYuan(withHeaderUnit(raw, label('capital'))));
  v.founded = parse('founded', parseDate);
  v.legalRepIdNumber = parse('legalRepIdNumber', (raw) => {
    if (isBlankCell(raw)) return null;
    const r = validateIdNumber(cleanText(raw));
    if (!r.ok) throw AppError.of('VALIDATION', r.msg);
    return r.id;
  });
  v.contactPhone = parse('contactPhone', normalizePhone);
  v.officeAreaM2 = parse('officeArea', parseAreaM2);
  v.insuredStaff = parse('insuredStaff', parseCount);
  v.stage = parse('stage', (raw) => {
    const s = isBlankCell(raw) ? '' : cleanText(raw);
    const key = s ? parseStage(s) : null;
    if (s && !key) throw AppError.of('VALIDATION', msg('stage_unknown', { value: s }));
    return key;
  });
  v.stageSince = parse('stageSince', parseDate);
  enforceSchema(d, label, flag);
  // Keep what could not be read in the remark, so importing anyway loses no information; when the remark has no room
  // for it (备注 limit REMARK_MAX), the note goes to 其他信息 whole instead of being cut.
  if (lost.length) {
    const note = `【导入时未能识别】${lost.join('；')}`;
    const remark = [v.remark, note].filter(Boolean).join('\n');
    if (remark.length <= REMARK_MAX) v.remark = remark;
    else d.kept.push({ label: '导入时未能识别', value: lost.join('\n') });
  }

  const { minCapitalYuan, minOfficeAreaM2, minInsuredStaff } = ELIGIBILITY_SIGNALS;
  if (v.capitalYuan != null && v.capitalYuan < minCapitalYuan) flag('capital_low');
  if (v.officeAreaM2 != null && v.officeAreaM2 < minOfficeAreaM2) flag('area_low');
  if (v.insuredStaff != null && v.insuredStaff < minInsuredStaff) flag('staff_low');
  return d;
}

/** City and district: the typed city wins (warning city_mismatch against the USCC); empty/unknown → from the USCC. */
function cityDraft(v: Values, cityText: string | null, districtText: string | null, flag: (c: string, m?: Message) => void): void {
  const m = normalizeCity(cityText ?? '');
  const uscc18 = v.uscc && v.uscc.length === 18 ? v.uscc : null; // a 15-digit 税号 has no USCC division code
  const code = uscc18 ? usccCityCode(uscc18) : null;
  const byUscc = uscc18 ? cityOfUscc(uscc18) : null;
  v.district = districtText ? toSimplifiedPlaceName(districtText) : m.kind === 'shanxi' ? m.district : null;
  if (m.kind === 'outside') {
    flag('outside_shanxi', msg('reason_outside_shanxi_city', { city: m.raw }));
  } else if (code && !code.startsWith('14')) {
    flag('outside_shanxi', msg('reason_outside_shanxi_uscc', { code }));
  } else if (m.kind === 'shanxi') {
    v.city = m.city;
    if (byUscc && byUscc !== m.city) flag('city_mismatch');
  } else if (byUscc) {
    v.city = byUscc;
  } else {
    flag('city_unknown', m.kind === 'unknown' ? msg('reason_city_unknown', { city: m.raw }) : msg('reason_city_missing'));
  }
}

/** A bare number under a heading such as “注册资本（万元）” is in that unit. */
function withHeaderUnit(raw: unknown, heading: string): unknown {
  const unit = /亿/.test(heading) ? '亿' : /万/.test(heading) ? '万' : '';
  const s = typeof raw === 'number' ? String(raw) : toHalfWidth(cleanText(raw)).replace(/\s|,/g, '');
  return unit && /^\d+(\.\d+)?$/.test(s) ? `${s}${unit}` : raw;
}

/** Values must fit the contract's ClientInput limits; an offending optional field is emptied and flagged bad_value. */
function enforceSchema(d: Draft, label: (f: ImportField) => string, flag: (c: string, m?: Message) => void): void {
  const check = ImportRowSchema.shape.values.safeParse(d.values);
  if (check.success) return;
  for (const issue of check.error.issues) {
    const key = String(issue.path[0]) as keyof Values;
    if (key === 'name' || key === 'uscc' || key === 'city') continue;
    const field = (Object.entries({ capitalYuan: 'capital', officeAreaM2: 'officeArea' }).find(([k]) => k === key)?.[1] ?? key) as ImportField;
    const value = (d.values as Record<string, unknown>)[key];
    if (issue.code === 'too_big' && typeof value === 'string') {
      flag('bad_value', msg('reason_too_long', { column: label(field), length: [...value].length, max: Number(issue.maximum) }));
      d.kept.push({ label: label(field), value }); // the whole text, as 其他信息: importing anyway loses none of it
    } else flag('bad_value', msg('reason_bad_value', { column: label(field), detail: issue.message }));
    (d.values as Record<string, unknown>)[key] = null;
  }
}
