/**
 * USCC (统一社会信用代码, unified social credit code) handling per GB 32100-2015
 * 《法人和其他组织统一社会信用代码编码规则》.
 *
 * Layout of the 18 characters (1-based): 1 registration authority, 2 organisation category,
 * 3–8 administrative division code (3–6 give the prefecture-level city, e.g. `1401` 太原市),
 * 9–17 organisation code, 18 check character.
 */
import { msg, zhText, type Message } from '../messages';
import { toHalfWidth, WHITESPACE_RE } from './text';

/** The 31 characters a USCC may contain (GB 32100-2015 Table 2): digits and upper-case letters except I, O, S, V, Z. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Position weights W1…W17 for the check character (GB 32100-2015 §5). */
export const USCC_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** What {@link validateUscc} had to fix in the raw text before it could check it. */
export type UsccNormalisation = 'fullwidth' | 'lowercase' | 'whitespace';

/**
 * Result of {@link validateUscc}. `uscc` is always the normalised text (half-width, no whitespace,
 * upper case). On failure `message` is Chinese and safe to show; `expected` is the correct check
 * character when `reason` is `'check'`.
 */
export type UsccResult =
  | { ok: true; uscc: string; normalised: UsccNormalisation[] }
  | {
      ok: false;
      uscc: string;
      reason: 'empty' | 'length' | 'charset' | 'check';
      message: string;
      /** The same reason as a coded message (shared/messages.ts), for the UI's language. */
      msg: Message;
      expected?: string;
    };

/**
 * Normalises a USCC as typed: full-width → half-width ({@link toHalfWidth}), removes all whitespace
 * (including U+3000 and U+00A0), upper-cases. Does not validate.
 *
 * @example normalizeUscc(' ９１１４０３０２ＭＡＥＡ０１８２１Ｌ ') === '91140302MAEA01821L'
 */
export function normalizeUscc(raw: string): string {
  return toHalfWidth(raw).replace(WHITESPACE_RE, '').toUpperCase();
}

/**
 * Computes the GB 32100-2015 check character (position 18) from the first 17 characters:
 * C18 = 31 − (Σ value(Ci) × Wi mod 31), where value is the index in {@link USCC_CHARSET}; 31 maps to '0'.
 *
 * @param first17 exactly 17 characters, already normalised (upper case, half-width)
 * @returns the check character, or `null` if the length is not 17 or a character is outside the charset
 */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * USCC_WEIGHTS[i];
  }
  const c = 31 - (sum % 31);
  return USCC_CHARSET[c === 31 ? 0 : c];
}

/**
 * Validates a USCC after normalising it ({@link normalizeUscc}). Checks, in order: empty, length 18,
 * charset ({@link USCC_CHARSET}), check character (GB 32100-2015). Never throws.
 *
 * @returns `{ ok: true, uscc, normalised }` where `normalised` lists what had to be fixed
 *   ('fullwidth' for U+FF01–FF5E characters, 'whitespace' for any whitespace incl. U+3000,
 *   'lowercase' for a–z), or `{ ok: false, uscc, reason, message, expected? }`.
 */
export function validateUscc(raw: string): UsccResult {
  const text = raw ?? '';
  const normalised: UsccNormalisation[] = [];
  if (/[\uFF01-\uFF5E]/.test(text)) normalised.push('fullwidth');
  if (/[a-z]/.test(toHalfWidth(text))) normalised.push('lowercase');
  if (new RegExp(WHITESPACE_RE.source).test(text)) normalised.push('whitespace');
  const uscc = normalizeUscc(text);

  if (uscc === '') {
    return fail(uscc, 'empty', msg('uscc_empty'));
  }
  if (uscc.length !== 18) {
    return fail(uscc, 'length', msg('uscc_length', { uscc, length: [...uscc].length }));
  }
  const bad = [...uscc].find((ch) => !USCC_CHARSET.includes(ch));
  if (bad !== undefined) {
    return fail(uscc, 'charset', msg('uscc_charset', { uscc, char: bad }));
  }
  const expected = usccCheckChar(uscc.slice(0, 17))!;
  if (uscc[17] !== expected) {
    return { ...fail(uscc, 'check', msg('uscc_check', { uscc, expected, actual: uscc[17] })), expected };
  }
  return { ok: true, uscc, normalised };
}

/**
 * The 4-digit prefecture-level division code held in characters 3–6 (1-based) of a USCC,
 * e.g. '91140106MA1QN6K440' → '1401' (太原市). The input is normalised first ({@link normalizeUscc});
 * the check character is not verified.
 *
 * @returns the 4 digits, or `null` if the code is shorter than 6 characters or they are not all digits
 */
export function usccCityCode(uscc: string): string | null {
  const code = normalizeUscc(uscc ?? '').slice(2, 6);
  return /^\d{4}$/.test(code) ? code : null;
}

function fail(uscc: string, reason: 'empty' | 'length' | 'charset' | 'check', m: Message): Extract<UsccResult, { ok: false }> {
  return { ok: false, uscc, reason, message: zhText(m), msg: m };
}
