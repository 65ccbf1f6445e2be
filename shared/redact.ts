/**
 * Redaction for logs: ID numbers (18 characters, GB 11643) and phone numbers (mainland mobiles, landlines with an
 * area code) are replaced before anything is written to a log. Logs never carry personal data.
 */
const ID_RE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE_RE = /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)/g;
const LANDLINE_RE = /(?<!\d)0\d{2,3}[- ]?\d{7,8}(?!\d)/g;

/** Returns `text` with ID numbers replaced by [身份证号] and phone numbers by [电话]. */
export function redactPersonalData(text: string): string {
  return text.replace(ID_RE, '[身份证号]').replace(MOBILE_RE, '[电话]').replace(LANDLINE_RE, '[电话]');
}
