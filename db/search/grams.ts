/**
 * Exact substring search for Chinese (and any other) text, backed by FTS5 indexes of character n-grams.
 *
 * Matching is defined as: after {@link normalizeForSearch} on both sides, the term is a substring of one field.
 * Two contentless FTS5 tables per searched thing make that exact for every term length, including one- and
 * two-character terms (晋, 太原):
 * - `…_uni` (detail=none) holds one token per distinct character (its code point in base 36, 4 characters):
 *   a one-character term c is the token c;
 * - `…_bi` (detail=full, positions kept; for notes detail=none from 0180, see {@link BI_NONE_TABLE_OPTIONS}) holds, at each character position, the token of that character followed
 *   by the next one (8 characters), or by {@link END} after a field's last character. A term c0…c(n-1) with n ≥ 2
 *   is the phrase "c0c1 c1c2 … c(n-2)c(n-1)": consecutive bigrams at consecutive positions, which holds exactly when
 *   the term occurs in the text. The END token after each field keeps a phrase from spanning two fields.
 * Tokens are ASCII [0-9a-z], so FTS5's unicode61 tokenizer keeps each one whole and nothing in the user's text is
 * special to FTS5 or LIKE (％, _, %, ", *, AND … are just code points). Several terms mean AND, evaluated by FTS5
 * inside one MATCH expression per table. (One table holding both columns with positions would be twice the size:
 * the per-character doclists are long and positions multiply them.)
 */
import { toHalfWidth } from '../../shared/domain/text';
import { NOTES_BI_OPTIONS_0180 } from '../migrations/0180-compact-events';

/** The token that follows a field's last character in `bi` (36^4 − 1, above every Unicode code point). */
export const END = 'zzzz';

/** FTS5 options of the one-character tables (see 0050-search). */
export const UNI_TABLE_OPTIONS = "content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0', detail=none";
/** FTS5 options of the bigram tables of clients and 其他信息 (positions kept for phrases). */
export const BI_TABLE_OPTIONS = "content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0', detail=full";
/**
 * FTS5 options of `notes_bi` from 0180 on: no positions (detail=none, a third of the size), so a term of 3+
 * characters is matched as all of its bigrams and checked on each candidate note's text ({@link gramMatch} with
 * `positions: false`, `icp_search_has` in db/search/sql-functions.ts).
 */
export const BI_NONE_TABLE_OPTIONS = NOTES_BI_OPTIONS_0180;

const CONTROL_RE = /[\u0000-\u001f\u007f]/g;

const NEEDS_WORK_RE = /[\u0000-\u001f\u007fA-Z\u0080-\uffff]/;
const FULL_WIDTH_RE = /[\uff01-\uff5e\u3000]/;
const FULL_WIDTH_G = /[\uff01-\uff5e\u3000]/g;

/**
 * Normalises text for search, on write and on query alike: full-width ASCII → ASCII and U+3000 → space
 * ({@link toHalfWidth}), lower case (String.prototype.toLowerCase), control characters → space.
 * @example normalizeForSearch('ＡＢＣ公司') === 'abc公司'
 */
export function normalizeForSearch(s: string): string {
  if (!NEEDS_WORK_RE.test(s)) return s;
  const half = FULL_WIDTH_RE.test(s) ? s.replace(FULL_WIDTH_G, (c) => toHalfWidth(c)) : s;
  return half.toLowerCase().replace(CONTROL_RE, ' ');
}

/** Splits a query into normalised, de-duplicated terms (split on any whitespace; several terms mean AND). */
export function searchTerms(q: string): string[] {
  return [...new Set(normalizeForSearch(q).split(/\s+/).filter(Boolean))];
}

const bmpCodes: string[] = [];
/** The 4-character base-36 token of code point `cp` (memoised for the Basic Multilingual Plane). */
function code(cp: number): string {
  if (cp < 0x10000) return (bmpCodes[cp] ??= cp.toString(36).padStart(4, '0'));
  return cp.toString(36).padStart(4, '0');
}

/** Calls `each` with the token of every character (code point) of normalised `s`, in order. */
function eachCode(s: string, each: (c: string) => void): void {
  const t = normalizeForSearch(s);
  for (let i = 0; i < t.length; i++) {
    const cp = t.codePointAt(i)!;
    if (cp > 0xffff) i++;
    each(code(cp));
  }
}

/** The `uni` token text of a document made of `fields`: its distinct characters, e.g. ['太原'] → '0hm2 0gin'. */
export function uniTokens(fields: ReadonlyArray<string | null | undefined>): string {
  const uni = new Set<string>();
  const add = (c: string) => void uni.add(c);
  for (const f of fields) if (f) eachCode(f, add);
  return [...uni].join(' ');
}

/**
 * The `bi` token text of a document made of `fields`: one bigram per character position, END after each field's
 * last character (nulls and empty fields contribute nothing), e.g. ['太原'] → '0hm20gin 0ginzzzz'.
 */
export function biTokens(fields: ReadonlyArray<string | null | undefined>): string {
  let out = '';
  let prev: string | null = null;
  const add = (c: string) => {
    if (prev !== null) out += `${prev}${c} `;
    prev = c;
  };
  for (const f of fields) {
    if (!f) continue;
    prev = null;
    eachCode(f, add);
    if (prev !== null) out += `${prev}${END} `;
  }
  return out.trimEnd();
}

/** Both token texts of a document (see {@link uniTokens}, {@link biTokens}). */
export function gramColumns(fields: ReadonlyArray<string | null | undefined>): { uni: string; bi: string } {
  return { uni: uniTokens(fields), bi: biTokens(fields) };
}

/** The tokens of the characters of a normalised term, in order. */
function termCodes(t: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < t.length; i++) {
    const cp = t.codePointAt(i)!;
    if (cp > 0xffff) i++;
    out.push(code(cp));
  }
  return out;
}

/**
 * The FTS5 MATCH expressions for normalised `terms` (from {@link searchTerms}): `uni` for the one-character terms
 * (`"c" AND …`), `bi` for the longer ones; null where there is none. With positions (the default, detail=full
 * tables) each longer term is a phrase (`"c0c1 c1c2 …" AND …`), exact. Without (`positions: false`, a detail=none
 * table) each is the AND of its distinct bigrams (`"c0c1" AND "c1c2" AND …`): exact for two characters, a superset
 * for three or more — those terms are returned in `check`, to be tested on each candidate's text (`icp_search_has`).
 */
export function gramMatch(terms: readonly string[], opts: { positions?: boolean } = {}): { uni: string | null; bi: string | null; check: string[] } {
  const positions = opts.positions ?? true;
  const uni: string[] = [];
  const bi: string[] = [];
  const check: string[] = [];
  for (const t of terms) {
    const cs = termCodes(t);
    if (cs.length === 1) uni.push(`"${cs[0]}"`);
    else if (cs.length > 1) {
      const grams = cs.slice(0, -1).map((c, i) => c + cs[i + 1]);
      if (positions) bi.push(`"${grams.join(' ')}"`);
      else {
        for (const g of new Set(grams)) if (!bi.includes(`"${g}"`)) bi.push(`"${g}"`);
        if (cs.length > 2) check.push(t);
      }
    }
  }
  return { uni: uni.length ? uni.join(' AND ') : null, bi: bi.length ? bi.join(' AND ') : null, check };
}

/**
 * Raw characters that normalise to the normalised character `t` by themselves, `t` first: `t`, and for ASCII
 * 0x21–0x7e its full-width form, for a–z also A–Z and Ａ–Ｚ (not every such character: e.g. the Kelvin sign).
 */
export function rawFormsOf(t: string): string[] {
  const forms = [t];
  const cp = t.codePointAt(0)!;
  if (cp >= 0x21 && cp <= 0x7e) {
    for (const f of new Set([t, t.toUpperCase()])) forms.push(f, String.fromCharCode(f.charCodeAt(0) + 0xfee0));
  }
  return [...new Set(forms)].filter((x) => normalizeForSearch(x) === t);
}

/** One GLOB element matching exactly the characters `chars` (a class unless it is one ordinary character). */
function globClass(chars: readonly string[]): string {
  if (chars.length === 1 && !'*?[]'.includes(chars[0])) return chars[0];
  const plain = chars.filter((c) => c !== ']' && c !== '-' && c !== '^');
  // ']' first (literal there), '^' never first (it would negate), '-' last (literal there).
  return `[${chars.includes(']') ? ']' : ''}${plain.join('')}${chars.includes('^') ? '^' : ''}${chars.includes('-') ? '-' : ''}]`;
}

/**
 * A SQLite GLOB pattern (`*…*`) of normalised `term`: each of its characters as the class of {@link rawFormsOf}. A
 * raw text it matches holds the term once normalised (each of those characters normalises to the term's by itself);
 * a text it does not match may still (e.g. a Kelvin sign for k), so a miss is decided by `icp_search_has`.
 */
export function termGlob(term: string): string {
  return `*${[...term].map((t) => globClass(rawFormsOf(t))).join('')}*`;
}

/** True when every one of normalised `terms` is a substring of normalised `text` (the definition of a match). */
export function textHasTerms(text: string, terms: readonly string[]): boolean {
  const t = normalizeForSearch(text);
  return terms.every((term) => t.includes(term));
}
