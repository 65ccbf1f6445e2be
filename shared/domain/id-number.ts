/**
 * Resident identity card numbers (居民身份证号码, GB 11643-1999): 18 characters, 17 digits and a check character
 * (0-9 or X). Personal data: shown masked (first 4, last 4) everywhere unless the user reveals it on purpose.
 */
import { msg, zhText, type Message } from '../messages';
import { toHalfWidth } from './text';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Normalises (half-width, no spaces, upper-case X). */
export function normalizeIdNumber(raw: string): string {
  return toHalfWidth(raw).replace(/\s+/g, '').toUpperCase();
}

/** The GB 11643 check character for the first 17 digits; null if they are not 17 digits. */
export function idCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * WEIGHTS[i], 0);
  return CHECK[sum % 11];
}

/**
 * Validates an ID number: 18 characters, a real birth date (positions 7–14, YYYYMMDD, not in the future relative
 * to `today` if given), and the check character. Returns the normalised number or a Chinese reason.
 */
export function validateIdNumber(raw: string, today?: string): { ok: true; id: string } | { ok: false; id: string; message: string; msg: Message } {
  const id = normalizeIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, id, message: zhText(msg('id_format')), msg: msg('id_format') };
  const y = id.slice(6, 10), m = id.slice(10, 12), d = id.slice(12, 14);
  const birth = `${y}-${m}-${d}`;
  const dt = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(dt.getTime()) || dt.toISOString().slice(0, 10) !== birth || Number(y) < 1900 || (today && birth > today)) {
    return { ok: false, id, message: zhText(msg('id_birth')), msg: msg('id_birth') };
  }
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, id, message: zhText(msg('id_check')), msg: msg('id_check') };
  return { ok: true, id };
}

/** Masks an ID number for display and exports: '140105199001011234' → '1401**********1234'. */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** True if `s` looks like a masked ID number (so an unchanged masked value in a form means "keep the stored one"). */
export function isMaskedIdNumber(s: string): boolean {
  return /^\d{4}\*{10}[\dX]{4}$/.test(s);
}
