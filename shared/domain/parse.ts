/**
 * Parsing of spreadsheet cell values (Excel / WPS via exceljs, or CSV text) into domain values.
 *
 * Every parser: returns `null` for an empty cell (null, undefined, blank text, or a placeholder such as
 * '-', '—', '/', '无', '暂无', see {@link isBlankCell}); throws {@link ParseError} with a Chinese message
 * naming the value when the cell has content that cannot be parsed. Full-width digits and letters are
 * accepted everywhere.
 */
import { ParseError } from '../errors';
import { msg } from '../messages';
import { fromDayNumber, ymdToDayNumber } from './calendar';
import { cleanText, toHalfWidth, WHITESPACE_RE } from './text';

/** Cell texts that mean "no value". Compared after {@link cleanText} and {@link toHalfWidth}. */
export const BLANK_PLACEHOLDERS: readonly string[] = ['', '-', '--', '—', '——', '/', '无', '暂无', 'N/A', 'n/a'];

/** True when a cell is empty: null, undefined, whitespace only, or one of {@link BLANK_PLACEHOLDERS}. */
export function isBlankCell(raw: unknown): boolean {
  if (raw === null || raw === undefined) return true;
  if (typeof raw === 'number' || raw instanceof Date) return false;
  return BLANK_PLACEHOLDERS.includes(toHalfWidth(cleanText(raw)));
}

/** Half-width text without any whitespace. */
function compact(raw: unknown): string {
  return toHalfWidth(cleanText(raw)).replace(WHITESPACE_RE, '');
}

/** `digits × 10^shift` for a non-negative decimal string, rounded half-up to an integer, exactly (no float error). */
function shiftDecimal(intPart: string, fracPart: string, shift: number): number {
  const frac = fracPart.padEnd(shift + 1, '0');
  const whole = BigInt(intPart + frac.slice(0, shift));
  const roundUp = frac.length > shift && frac[shift] >= '5';
  return Number(whole + (roundUp ? 1n : 0n));
}

/**
 * Registered capital (注册资本) in integer yuan.
 *
 * Accepts a number (yuan, rounded to the nearest yuan) or text: an amount with optional thousands
 * separators and decimals, an optional unit 万 (×10,000) or 亿 (×100,000,000), an optional 元, and an
 * optional 人民币 / RMB / CNY / ¥ marker. A bare number (no unit) is yuan.
 * Examples: '500万元' → 5000000, '0.5亿元' → 50000000, '1,000,000' → 1000000, '100万元人民币' → 1000000,
 * '１００万' → 1000000, ' 300 万元 ' → 3000000.
 *
 * @returns integer yuan, or null for an empty cell
 * @throws ParseError for negative amounts, other currencies ('100万美元'), Chinese numerals ('五百万') or any other text
 */
export function parseCapitalYuan(raw: unknown): number | null {
  if (isBlankCell(raw)) return null;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) throw new ParseError(msg('capital_unreadable', { value: String(raw) }));
    if (raw < 0) throw new ParseError(msg('capital_negative', { value: String(raw) }));
    return Math.round(raw);
  }
  const text = cleanText(raw);
  let s = compact(raw).replace(/,/g, '');
  s = s.replace(/^(人民币|RMB|CNY|¥|￥)/i, '').replace(/(\(?人民币\)?|\(?RMB\)?|\(?CNY\)?)$/i, '');
  if (/^-/.test(s)) throw new ParseError(msg('capital_negative', { value: text }));
  const m = /^(\d+)(?:\.(\d+))?(万|亿)?元?$/.exec(s);
  if (!m) throw new ParseError(msg('capital_unreadable', { value: text }));
  const shift = m[3] === '亿' ? 8 : m[3] === '万' ? 4 : 0;
  const yuan = shiftDecimal(m[1], m[2] ?? '', shift);
  if (!Number.isSafeInteger(yuan)) throw new ParseError(msg('capital_too_large', { value: text }));
  return yuan;
}

/** Excel serial day numbers (1900 date system) accepted: 1 = 1900-01-01 … 2958465 = 9999-12-31. */
const EXCEL_SERIAL_MAX = 2_958_465;
/** Day number (since 1970-01-01) of 1899-12-30: serial n ≥ 61 is this day + n; serial n < 60 is this day + n + 1 (Excel's 1900 leap-year bug). */
const EXCEL_EPOCH_DAY = -25_569;

function ymd(y: string | number, m: string | number, d: string | number, text: string): string {
  const n = ymdToDayNumber(+y, +m, +d);
  if (n === null) throw new ParseError(msg('date_not_exist', { value: text }));
  return fromDayNumber(n);
}

/**
 * A date cell as 'YYYY-MM-DD'.
 *
 * Accepts:
 * - a JS `Date` (exceljs gives date cells as a Date at UTC midnight): its UTC calendar date;
 * - a number: an Excel serial day in the 1900 date system (44242 → '2021-02-15'; the time fraction is
 *   dropped; Excel's fictitious 1900-02-29, serial 60, is rejected), or an 8-digit yyyymmdd (20230508);
 * - text, full-width digits allowed: '2023年5月8日' (also 号), '2023.5.8', '2023/05/08', '2023/5/8',
 *   '2023-5-8', '2023-05-08', '20230508', and an ISO date-time such as '2021-02-15T00:00:00.000Z' (the
 *   date part is taken as written, without time-zone conversion).
 *
 * @returns 'YYYY-MM-DD', or null for an empty cell
 * @throws ParseError for an unrecognised format or a date that does not exist (2023-02-30)
 */
export function parseDate(raw: unknown): string | null {
  if (isBlankCell(raw)) return null;
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) throw new ParseError(msg('date_invalid_value'));
    return ymd(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate(), raw.toISOString());
  }
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw < 1) throw new ParseError(msg('date_unreadable', { value: String(raw) }));
    if (Number.isInteger(raw) && raw >= 10_000_101 && raw <= 99_991_231) {
      const s = String(raw);
      return ymd(s.slice(0, 4), s.slice(4, 6), s.slice(6, 8), s);
    }
    const serial = Math.floor(raw);
    if (serial > EXCEL_SERIAL_MAX) throw new ParseError(msg('date_unreadable', { value: String(raw) }));
    if (serial === 60) throw new ParseError(msg('date_not_exist', { value: `${raw} (1900-02-29)` }));
    return fromDayNumber(EXCEL_EPOCH_DAY + serial + (serial < 60 ? 1 : 0));
  }
  const text = cleanText(raw);
  const s = compact(raw);
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})[T ]?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i.exec(
    toHalfWidth(text),
  );
  if (m) return ymd(m[1], m[2], m[3], text);
  m = /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/.exec(s);
  if (m) return ymd(m[1], m[2], m[3], text);
  m = /^(\d{4})([./-])(\d{1,2})\2(\d{1,2})$/.exec(s);
  if (m) return ymd(m[1], m[3], m[4], text);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return ymd(m[1], m[2], m[3], text);
  throw new ParseError(msg('date_unreadable', { value: text }));
}

/**
 * A phone number as text. Mobile numbers become 11 digits ('+86 152 2677 1482' → '15226771482',
 * number 15226771482 → '15226771482'); landlines become 'area-number' ('0351-5322469', '(0351) 5322469',
 * '0351 5322469', '03515322469' → '0351-5322469'; area codes 010 and 02x have 3 digits, others 4).
 * Full-width characters are converted; a +86 / 0086 country prefix is dropped. Other numbers
 * (e.g. 400 numbers) are returned as their digits. A landline's extension is kept after a second hyphen
 * ('0351-5322469-8001', '0351-5322469 转 8001', '0351 5322469 分机 8001', '03515322469-8001' → '0351-5322469-8001'),
 * never run into the number. Note: a landline stored as a spreadsheet number has lost its leading 0, which cannot be
 * recovered.
 *
 * @returns the normalised number, or null for an empty cell
 * @throws ParseError if the text contains letters or other characters than digits, spaces, + - ( ) . (and an
 *   extension's 转 / 分机 / ext), or has fewer than 5 or more than 20 digits
 */
export function normalizePhone(raw: unknown): string | null {
  if (isBlankCell(raw)) return null;
  if (typeof raw === 'number') {
    if (!Number.isSafeInteger(raw) || raw < 0) throw new ParseError(msg('phone_digits', { value: String(raw) }));
    return normalizePhone(String(raw));
  }
  const text = cleanText(raw);
  let s = toHalfWidth(text).trim();
  // A spelled-out extension becomes a last '-' group: '0351-5322469 转 8001' reads as '0351-5322469-8001'.
  s = s.replace(/(\d)\s*(?:转|分机|ext\.?)\s*(\d{1,6})$/i, '$1-$2');
  if (/[^\d\s+\-().]/.test(s)) throw new ParseError(msg('phone_chars', { value: text }));
  s = s.replace(/^\(?(\+\s*86|0086)\)?[\s\-.]*/, '');
  const tokens = s.split(/[\s\-().+]+/).filter((t) => t !== '');
  const digits = tokens.join('');
  if (digits.length < 5 || digits.length > 20) {
    throw new ParseError(msg('phone_digits', { value: text }));
  }
  if (/^1[3-9]\d{9}$/.test(digits)) return digits;
  if (tokens.length >= 2 && /^0\d{2,3}$/.test(tokens[0])) {
    const rest = tokens.slice(1).join('');
    if (/^\d{7,8}$/.test(rest)) return `${tokens[0]}-${rest}`;
  }
  const landline = landlineOf(digits);
  if (landline) return landline;
  // A landline followed by a short last group is the landline and its extension, kept apart ('0351-5322469-8001').
  const ext = tokens.length >= 2 && /^\d{1,6}$/.test(tokens[tokens.length - 1]) ? tokens[tokens.length - 1] : null;
  if (ext) {
    const head = tokens.slice(0, -1);
    const main = head.length >= 2 && /^0\d{2,3}$/.test(head[0]) && /^\d{7,8}$/.test(head.slice(1).join(''))
      ? `${head[0]}-${head.slice(1).join('')}`
      : landlineOf(head.join(''));
    if (main) return `${main}-${ext}`;
  }
  return digits;
}

/**
 * A phone number typed in a form, tidied as an import tidies it ({@link normalizePhone}: full-width digits,
 * '+86 152 2677 1482' → '15226771482', '0351 5322469' → '0351-5322469'), or the typed text as it is (trimmed) when it is
 * not a number normalizePhone reads (e.g. '张经理 139…' or '见备注'): a form never loses what was typed.
 * @returns null for null or blank text
 */
export function tidyPhone(text: string | null): string | null {
  if (text == null || text.trim() === '') return null;
  try {
    return normalizePhone(text);
  } catch (e) {
    if (e instanceof ParseError) return text.trim();
    throw e;
  }
}

/** '03515322469' → '0351-5322469' (area codes 010 and 02x have 3 digits, others 4); null when not a landline. */
function landlineOf(digits: string): string | null {
  if (!/^0\d{9,11}$/.test(digits)) return null;
  const areaLen = /^0[12]/.test(digits) ? 3 : 4;
  const rest = digits.slice(areaLen);
  return /^\d{7,8}$/.test(rest) ? `${digits.slice(0, areaLen)}-${rest}` : null;
}

/**
 * A head count (e.g. 社保人数) as a non-negative integer: 3, '3', '3人', '３', '8 名'.
 * @returns the count, or null for an empty cell
 * @throws ParseError for negative, fractional or non-numeric values
 */
export function parseCount(raw: unknown): number | null {
  if (isBlankCell(raw)) return null;
  if (typeof raw === 'number') {
    if (!Number.isSafeInteger(raw) || raw < 0) throw new ParseError(msg('count_invalid', { value: String(raw) }));
    return raw;
  }
  const text = cleanText(raw);
  const m = /^(\d+)(?:\.0+)?(人|名|位|个)?$/.exec(compact(raw));
  if (!m) throw new ParseError(msg('count_invalid', { value: text }));
  return Number(m[1]);
}

/**
 * An area in square metres (e.g. 办公面积) as a non-negative number: 120, '120', '120㎡', '120平方米',
 * '120平米', '120 m2', '120m²', '60.5', '1,200'.
 * @returns square metres, or null for an empty cell
 * @throws ParseError for negative or non-numeric values, or other units
 */
export function parseAreaM2(raw: unknown): number | null {
  if (isBlankCell(raw)) return null;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw < 0) throw new ParseError(msg('area_invalid', { value: String(raw) }));
    return raw;
  }
  const text = cleanText(raw);
  const m = /^(\d+(?:\.\d+)?)(㎡|平方米|平米|平方|平|m2|m²|sqm)?$/i.exec(compact(raw).replace(/,/g, ''));
  if (!m) throw new ParseError(msg('area_invalid', { value: text }));
  return Number(m[1]);
}
