/**
 * Facts the app already knows that every report and print about a client must carry (developers' guide: "reports that
 * leave out what the app already knows"): the eligibility conditions that fail (不符合) with their values, and the open
 * 需补正 material items with their notes. Used by the prep sheet (inspection-sheets.ts) and the weekly summary
 * (weekly.ts). Read only.
 */
import { ELIGIBILITY_CONDITIONS } from '../../shared/domain/eligibility';
import type { ServiceContext } from './context';
import { getEligibility } from './eligibility';

/** One failing eligibility condition: its number and Chinese name, and a Chinese line with the values. */
export interface EligibilityFailure { key: string; no: number; condition: string; text: string }

type Params = Record<string, unknown> | undefined;
/** Chinese value text of a failing reason code, e.g. area_low {area: 45, min: 50} → '办公面积 45 ㎡ < 50 ㎡（最低要求）'. */
function reasonText(code: string, p: Params): string | null {
  const v = (k: string) => String(p?.[k] ?? '');
  switch (code) {
    case 'area_low': return `办公面积 ${v('area')} ㎡ < ${v('min')} ㎡（最低要求）`;
    case 'capital_low': return `注册资本 ${Number(p?.capital ?? 0) / 10000} 万元 < ${Number(p?.min ?? 0) / 10000} 万元（最低要求）`;
    case 'staff_low': return `社保专职人员 ${v('n')} 人 < ${v('min')} 人（最低要求）`;
    case 'founded_young': return `成立于 ${v('founded')}，满1年须到 ${v('full')}`;
    case 'scope_missing': return '经营范围未含增值电信业务 / 互联网信息服务';
    case 'province_outside': return `注册地行政区划 ${v('division')} 不在山西省`;
    default: return null;
  }
}

/**
 * The client's failing eligibility conditions on `today` (YYYY-MM-DD, China), in condition order, e.g.
 * { key: 'premises', no: 5, condition: '固定办公场所…', text: '办公面积 45 ㎡ < 50 ㎡（最低要求）' }. A failing reason
 * without a value text is named "不符合". @throws AppError NOT_FOUND when the client does not exist.
 */
export function eligibilityFailures(ctx: ServiceContext, clientId: number, today: string): EligibilityFailure[] {
  const a = getEligibility(ctx, { clientId, today });
  return a.results.filter((r) => r.status === 'fail').map((r) => {
    const cond = ELIGIBILITY_CONDITIONS.find((c) => c.key === r.key)!;
    const texts = r.reasons.filter((x) => x.status === 'fail').map((x) => reasonText(x.code, x.params as Params) ?? '不符合');
    return { key: r.key, no: cond.no, condition: cond.zh, text: [...new Set(texts)].join('；') };
  });
}

/** The client's open 需补正 items (status 'correction'), in checklist order, with their notes (null when none). */
export function openCorrections(ctx: ServiceContext, clientId: number): Array<{ itemKey: string; title: string; note: string | null }> {
  return (ctx.db.prepare("SELECT item_key, title, note FROM materials WHERE client_id = ? AND status = 'correction' ORDER BY sort, id").all(clientId) as Array<Record<string, unknown>>)
    .map((m) => ({ itemKey: m.item_key as string, title: m.title as string, note: (m.note as string | null) || null }));
}
