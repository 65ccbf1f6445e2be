/**
 * Renders a coded message (shared/messages.ts: `{ code, params }`, params possibly holding nested messages) in the
 * current language through i18next (`msg.<code>`). Unknown codes fall back to the given text (the server's zh-CN).
 */
import i18n from './index';
import { interpolate, isMessage, type Message } from '../../../shared/messages';

/** The text of `m` in the current language; `fallback` (else the code) when the code is unknown. */
export function messageText(m: { code: string; params?: Record<string, unknown> }, fallback?: string): string {
  const key = `msg.${m.code}`;
  const lookup = (lng: string) => i18n.getResource(lng, 'translation', key) as string | undefined;
  const template = lookup(i18n.language) ?? lookup('zh-CN');
  if (template === undefined) return fallback ?? m.code;
  return interpolate(template, m.params ?? {}, (n: Message) => messageText(n), i18n.language.startsWith('zh') ? '；' : '; ');
}

/**
 * An error payload's text in the current language: its coded message. Every error the host sends is coded
 * (tests/unit/error-codes.test.ts); a payload without a key (an older host) or with a key this build does not know
 * gets the category's generic text in a non-Chinese UI, with the server's text beside it.
 */
export function errorText(p: { code: string; message: string; key?: string; params?: Record<string, unknown> }): string {
  const known = p.key !== undefined && i18n.exists(`msg.${p.key}`, { lng: 'zh-CN' });
  if (p.key && known) return messageText({ code: p.key, params: p.params }, p.message);
  if (!i18n.language.startsWith('zh') && !/^[\x20-\x7e]*$/.test(p.message)) return `${messageText({ code: `error_${p.code}` }, p.message)} (${p.message})`;
  return p.message;
}

export { isMessage };
