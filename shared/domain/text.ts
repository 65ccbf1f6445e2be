/**
 * Text helpers for values typed by people or read from spreadsheets (Excel / WPS / CSV).
 * Pure functions: no Node, DOM or Electron APIs.
 */

/**
 * Whitespace as it appears in Chinese office documents: everything JS `\s` matches (which includes
 * U+3000 ideographic space, U+00A0 no-break space and U+FEFF BOM) plus the zero-width characters
 * U+200B–U+200D and U+2060 that copy-pasting from web pages leaves behind.
 */
export const WHITESPACE_RE = /[\s\u200B-\u200D\u2060]+/g;

/**
 * Converts full-width ASCII (U+FF01–U+FF5E, e.g. `９１ＡＢ（）`) to the matching ASCII characters
 * (U+0021–U+007E) and the ideographic space U+3000 to an ASCII space. Every other character,
 * including Chinese characters and `￥` (U+FFE5), is left unchanged.
 *
 * @param s any string
 * @returns the string with the same length, full-width ASCII replaced by half-width
 */
export function toHalfWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/** True for a character in the full-width ASCII block U+FF01–U+FF5E. */
export function hasFullWidthAscii(s: string): boolean {
  return /[\uFF01-\uFF5E]/.test(s);
}

/**
 * Turns a cell value into clean display text: converts it to a string, trims leading/trailing
 * whitespace (including U+3000 ideographic space and U+00A0 no-break space, see {@link WHITESPACE_RE})
 * and collapses every inner whitespace run to a single ASCII space. Full-width characters are NOT
 * converted (use {@link toHalfWidth} for that).
 *
 * Conversions: `null` / `undefined` → `''`; string → itself; number / boolean / bigint → `String(v)`;
 * a `Date` → its ISO string (`toISOString()`, or `''` if invalid); an exceljs rich-text value
 * `{ richText: [{ text }] }` → the concatenated texts; an exceljs hyperlink `{ text }` → `text`;
 * an exceljs formula `{ result }` → the cleaned result; any other object → `String(v)`.
 *
 * @example cleanText('  太原　晋祠 \u00a0 公司 ') === '太原 晋祠 公司'
 */
export function cleanText(v: unknown): string {
  return collapse(toRawString(v));
}

function collapse(s: string): string {
  return s.replace(WHITESPACE_RE, ' ').trim();
}

function toRawString(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) {
      return o.richText.map((part) => toRawString((part as { text?: unknown } | null)?.text)).join('');
    }
    if ('result' in o) return toRawString(o.result);
    if (typeof o.text === 'string') return o.text;
  }
  return String(v);
}

/**
 * Like {@link cleanText} but keeps line breaks: CRLF, CR, LF, U+2028/U+2029 and Excel's in-cell Alt+Enter (which
 * exceljs and CSV give as LF or CRLF) all become LF; each line is trimmed and its inner whitespace collapsed to one
 * space; blank lines at the start and end are dropped, inner blank lines are kept (at most one in a row).
 * For multi-line fields: remark, address, business scope, notes.
 *
 * @example cleanMultiline(' 第一行\r\n第二行，含逗号 ') === '第一行\n第二行，含逗号'
 */
export function cleanMultiline(v: unknown): string {
  const lines = toRawString(v).split(/\r\n|[\r\n\u2028\u2029\u000b]/).map(collapse);
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').replace(/^\n+|\n+$/g, '');
}

const graphemes = new Intl.Segmenter('zh-CN', { granularity: 'grapheme' });

/** `s` split into user-perceived characters (grapheme clusters: 👍, 👍🏽, 👨‍👩‍👧, é as e + ◌́ are one each). */
export function splitGraphemes(s: string): string[] {
  return Array.from(graphemes.segment(s), (g) => g.segment);
}

/**
 * The one way to shorten text for display, file names, sheet names and messages: cuts on whole characters (grapheme
 * clusters, `Intl.Segmenter`), never inside a surrogate pair or an emoji sequence, so no "�" appears.
 * `max`: the most characters kept, counting the ellipsis; `measure: 'utf16'` counts UTF-16 code units instead (for
 * limits such as Excel's 31-unit sheet names). `ellipsis` ('…' by default, '' for none) is added only when cut.
 * Returns `s` unchanged when it fits.
 */
export function truncateText(s: string, max: number, opts: { ellipsis?: string; measure?: 'graphemes' | 'utf16' } = {}): string {
  const ellipsis = opts.ellipsis ?? '…';
  // A string of at most `max` UTF-16 units has at most `max` characters too: nothing to segment (the common case).
  if (s.length <= max) return s;
  if (opts.measure === 'utf16') {
    const room = Math.max(0, max - ellipsis.length);
    let out = '';
    for (const g of splitGraphemes(s)) {
      if (out.length + g.length > room) break;
      out += g;
    }
    return out + ellipsis;
  }
  // Characters are segmented only as far as needed: the first `room` kept, and stop once more than `max` are seen
  // (issue 16: the weekly roll-up segmented every note and remark in full just to count it).
  const room = Math.max(0, max - splitGraphemes(ellipsis).length);
  let out = '';
  let seen = 0;
  for (const { segment } of graphemes.segment(s)) {
    seen++;
    if (seen > max) return out + ellipsis;
    if (seen <= room) out += segment;
  }
  return s;
}
