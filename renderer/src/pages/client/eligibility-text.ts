/** Turns the eligibility assessment's coded reasons and pitfalls into text (UI language); shared by the tab and the print sheet. */
import type { TFunction, i18n as I18n } from 'i18next';
import { SCOPE_RISKS } from '../../../../shared/domain/eligibility';
import { materialTitle, paren } from '../../i18n/domain';

type Params = Record<string, string | number> | undefined;

/** Formats numbers (capital) with thousands separators for display. */
function display(params: Params, lang: string): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params ?? {})) out[k] = typeof v === 'number' && v >= 10000 ? v.toLocaleString(lang === 'en' ? 'en' : 'zh-CN') : v;
  return out;
}

/** Where a fact came from, as the sheet says it: "来自现场核查 2026-09-30", "来自材料清单：场地消防备案证明（已收到 2026-09-28）". */
export interface SourceLike { kind: 'inspection' | 'material' | 'register' | 'form'; date: string | null; title?: string; itemKey?: string }

/** The source of a fact as text ('' for facts from the eligibility form). */
export function sourceText(t: TFunction, source: SourceLike | undefined): string {
  if (!source || source.kind === 'form') return '';
  if (source.kind === 'inspection') return t('eligibility.source.inspection', { date: source.date ?? '' });
  if (source.kind === 'material') {
    const title = materialTitle({ itemKey: source.itemKey ?? null, title: source.title ?? '' });
    return source.date ? t('eligibility.source.materialOn', { title, date: source.date }) : t('eligibility.source.material', { title });
  }
  return t('eligibility.source.register');
}

/** A reason code ('capital_low', or a yes/no fact's 'fire_ok' → nested key 'fire.ok') as text, with its source if any. */
export function reasonText(t: TFunction, i18n: I18n, code: string, params: Params, source?: SourceLike): string {
  const nested = code.replace(/_(ok|bad|unknown)$/, '.$1');
  const key = i18n.exists(`eligibility.reason.${nested}`) && nested !== code ? nested : code;
  const text = t(`eligibility.reason.${key}`, display(params, i18n.language));
  const from = sourceText(t, source);
  return from ? `${text}${paren(from)}` : text;
}

/** The declared-vs-measured office area warning ("登记 80㎡，实测 45㎡"). */
export function areaMismatchText(t: TFunction, m: { declaredM2: number; measuredM2: number; measuredOn: string | null }): string {
  return t('eligibility.areaMismatch', { declared: m.declaredM2, measured: m.measuredM2, date: m.measuredOn ?? '' });
}

/** A pitfall code as text; the scope risk key becomes its label. */
export function pitfallText(t: TFunction, i18n: I18n, code: string, params: Params): string {
  const risk = params?.risk ? SCOPE_RISKS.find((r) => r.key === params.risk) : undefined;
  return t(`eligibility.pitfall.${code}`, { ...params, risk: risk ? (i18n.language === 'en' ? risk.en : risk.zh) : '' });
}
