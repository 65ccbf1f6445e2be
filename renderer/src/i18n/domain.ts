/**
 * Domain terms in the UI's language. The domain data keeps its Chinese source names (what is stored and what the
 * authority's documents say); the English name of each term lives beside it, keyed by code, in shared/domain
 * (`CITIES[].en`, `DEFAULT_MATERIAL_TEMPLATE[].titleEn / hintEn`, `DEFAULT_INSPECTION_TEMPLATE[].en`,
 * `ATTENDEE_ROLES[].en`) or in the i18n resources (`common.stage`, `common.status`, `common.industry`). These helpers
 * pick one of the two by the current language; a value the user typed or renamed (a renamed checklist item, a
 * district, a client name) is returned unchanged.
 *
 * They read `i18n.language` at call time, so call them while rendering a component that uses `useTranslation()` (which
 * re-renders it when the language changes).
 */
import i18n from './index';
import { CITIES } from '../../../shared/domain/cities';
import { HOLIDAY_SOURCE_EN } from '../../../shared/domain/calendar';
import { ELIGIBILITY_LIMITS } from '../../../shared/domain/eligibility';
import { DEFAULT_MATERIAL_TEMPLATE, materialTextEn } from '../../../shared/domain/materials';
import { attendeeRoleEn, attendeeRoleZh, DEFAULT_INSPECTION_TEMPLATE, inspectionItemEn } from '../../../shared/domain/inspection';

/** True while the UI is not Chinese. */
export const isEnglish = (): boolean => !i18n.language.startsWith('zh');

/**
 * A city as shown: '太原市' (zh) / 'Taiyuan' (en). Accepts the official name or the short one ('太原'); anything else
 * (an unrecognised or empty value) is returned as given.
 */
export function cityLabel(name: string | null | undefined): string {
  if (!name) return name ?? '';
  if (!isEnglish()) return name;
  return CITIES.find((c) => c.name === name || c.short === name)?.en ?? name;
}

/**
 * A checklist item's title as shown: the English title while it keeps the default Chinese title for its key (without a
 * key — a title copied into an event or a deadline — the default titles, all different, are matched by title alone).
 */
export function materialTitle(m: { itemKey?: string | null; title: string }): string {
  if (!isEnglish()) return m.title;
  const en = m.itemKey === undefined ? DEFAULT_MATERIAL_TEMPLATE.find((x) => x.title === m.title)?.titleEn : materialTextEn(m.itemKey, m.title)?.title;
  return en ?? m.title;
}

/**
 * Several checklist titles the host joined with '、' (e.g. a correction deadline's open items) in the UI language:
 * default titles become English, the separator ', '. A default title may itself hold '、' (D06), so titles are found
 * whole, longest first, before the separators are replaced. `english` defaults to the UI's language.
 */
export function materialTitlesText(joined: string, english: boolean = isEnglish()): string {
  if (!english) return joined;
  const found: string[] = [];
  let s = joined;
  for (const d of [...DEFAULT_MATERIAL_TEMPLATE].sort((a, b) => b.title.length - a.title.length)) {
    if (s.includes(d.title)) { s = s.split(d.title).join(`\u0000${found.length}\u0000`); found.push(d.titleEn); }
  }
  return s.replaceAll('、', ', ').replace(/\u0000(\d+)\u0000/g, (_m, i: string) => found[Number(i)]);
}

/** A checklist item's hint as shown: the English hint while the item keeps its default Chinese title and hint. */
export function materialHint(m: { itemKey?: string | null; title: string; hint: string | null }): string {
  const hint = m.hint ?? '';
  if (!isEnglish()) return hint;
  const d = DEFAULT_MATERIAL_TEMPLATE.find((x) => x.key === m.itemKey && x.title === m.title && x.hint === hint);
  return d ? d.hintEn : hint;
}

/**
 * An inspection checklist item's text as shown: English while it keeps the default Chinese text for its key (without a
 * key — an event's copy of the text — the default texts, all different, are matched by text alone).
 */
export function inspectionItemText(i: { templateKey?: string | null; text: string }): string {
  if (!isEnglish()) return i.text;
  const en = i.templateKey === undefined ? DEFAULT_INSPECTION_TEMPLATE.find((x) => x.text === i.text)?.en : inspectionItemEn(i.templateKey, i.text);
  return en ?? i.text;
}

/** An attendee role ('tech_lead') as shown: 技术负责人 / Technical lead. */
export function roleLabel(role: string): string {
  return isEnglish() ? attendeeRoleEn(role) : attendeeRoleZh(role);
}

/** An attendee with their role: '张伟（技术负责人）' / '张伟 (Technical lead)'. The name is the user's, untranslated. */
export function attendeeLabel(a: { name: string; role: string }): string {
  return isEnglish() ? `${a.name} (${attendeeRoleEn(a.role)})` : `${a.name}（${attendeeRoleZh(a.role)}）`;
}

/** The list separator of the UI language: '、' / ', '. */
export const listSep = (): string => (isEnglish() ? ', ' : '、');

/** Wraps `text` in the UI language's brackets: '（…）' / ' (…)'. */
export const paren = (text: string): string => (isEnglish() ? ` (${text})` : `（${text}）`);

/** A holiday year's notice title as shown: the English title of a built-in notice, else the title as entered. */
export function holidaySourceLabel(source: string): string {
  return (isEnglish() && HOLIDAY_SOURCE_EN[source]) || source;
}

/** Parameters of the import flags that name a threshold, from the one table of spec §3 (ELIGIBILITY_LIMITS). */
const IMPORT_FLAG_PARAMS: Record<string, { min: string }> = {
  capital_low: { min: ELIGIBILITY_LIMITS.capitalProvinceYuan.toLocaleString('en-US') },
  area_low: { min: String(ELIGIBILITY_LIMITS.minOfficeAreaM2) },
  staff_low: { min: String(ELIGIBILITY_LIMITS.minStaff) },
};

/**
 * An import row's flag as shown, by code (db/import/analyze.ts): 'area_low' → '办公面积低于最低要求 50 ㎡' (zh) /
 * 'Office area below the 50 m² minimum' (en); a threshold is read from ELIGIBILITY_LIMITS, never written in the text.
 */
export function importFlagLabel(code: string): string {
  return i18n.t(`import.flags.${code}`, IMPORT_FLAG_PARAMS[code] ?? {});
}
