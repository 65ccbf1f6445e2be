/** Turns the eligibility assessment's coded reasons and pitfalls into text (UI language); shared by the tab and the print sheet. */
import type { TFunction, i18n as I18n } from 'i18next';
import { SCOPE_RISKS } from '../../../../shared/domain/eligibility';

type Params = Record<string, string | number> | undefined;

/** Formats numbers (capital) with thousands separators for display. */
function display(params: Params, lang: string): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params ?? {})) out[k] = typeof v === 'number' && v >= 10000 ? v.toLocaleString(lang === 'en' ? 'en' : 'zh-CN') : v;
  return out;
}

/** A reason code ('capital_low', or a yes/no fact's 'fire_ok' → nested key 'fire.ok') as text. */
export function reasonText(t: TFunction, i18n: I18n, code: string, params: Params): string {
  const nested = code.replace(/_(ok|bad|unknown)$/, '.$1');
  const key = i18n.exists(`eligibility.reason.${nested}`) && nested !== code ? nested : code;
  return t(`eligibility.reason.${key}`, display(params, i18n.language));
}

/** A pitfall code as text; the scope risk key becomes its label. */
export function pitfallText(t: TFunction, i18n: I18n, code: string, params: Params): string {
  const risk = params?.risk ? SCOPE_RISKS.find((r) => r.key === params.risk) : undefined;
  return t(`eligibility.pitfall.${code}`, { ...params, risk: risk ? (i18n.language === 'en' ? risk.en : risk.zh) : '' });
}
