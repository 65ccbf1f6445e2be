/** Display helpers of the data & backup screens. */

/** An ISO instant as China time 'YYYY-MM-DD HH:mm' (the app's dates are China dates; no DST). */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
