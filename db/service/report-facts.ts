/**
 * Facts the app already knows that every report and print about a client must carry (developers' guide: "reports that
 * leave out what the app already knows"): the eligibility conditions that fail (不符合) with their values, the
 * pitfalls of spec §8 the 资质评估 tab warns about (a lease address that differs from the registered one, business
 * beyond the licensed scope, a security policy without encryption), and the open 需补正 material items with their
 * notes. Used by the prep sheet (inspection-sheets.ts) and the weekly summary (weekly.ts). Read only.
 */
import { ELIGIBILITY_CONDITIONS, SCOPE_RISKS } from '../../shared/domain/eligibility';
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

/** One pitfall warning (spec §8) in Chinese: its key and code as the 资质评估 tab has them, and the sentence. */
export interface PitfallWarning { key: string; code: string; text: string }

/** Chinese sentence of a pitfall code (the 资质评估 tab's wording), or null for the renewal ones (a deadline elsewhere). */
function pitfallText(code: string, p: Params): string | null {
  const v = (k: string) => String(p?.[k] ?? '');
  const risk = () => SCOPE_RISKS.find((r) => r.key === p?.risk)?.zh ?? v('risk');
  switch (code) {
    case 'lease_address_differs': return `租赁合同地址“${v('lease')}”与登记地址“${v('address')}”不一致：材料必须真实，伪造材料将被驳回且3年内不得再申请`;
    case 'beyond_licence': return `平台业务涉及“${risk()}”（“${v('word')}”），但许可范围未包含：超范围经营将被处罚`;
    case 'beyond_b25': return `平台业务涉及“${risk()}”（“${v('word')}”），经营性ICP（B25信息服务）不涵盖，需另行审批或调整业务描述`;
    case 'policy_without_encryption': return '已收到《信息安全管理制度》，但未确认用户数据已实际加密存储：核查时须现场演示，制度流于纸面将被处罚';
    default: return null;
  }
}

/**
 * The pitfalls (spec §8) the client's eligibility assessment on `today` shows, in its order, e.g. { key:
 * 'forged_materials', code: 'lease_address_differs', text: '租赁合同地址“…”与登记地址“…”不一致：…' }; the renewal
 * pitfalls are left out (every report carries the renewal as a deadline), and so are the codes in `except`.
 * @throws AppError NOT_FOUND for an unknown client.
 */
export function pitfallWarnings(ctx: ServiceContext, clientId: number, today: string, except: readonly string[] = []): PitfallWarning[] {
  return getEligibility(ctx, { clientId, today }).pitfalls.flatMap((x) => {
    const text = except.includes(x.code) ? null : pitfallText(x.code, x.params as Params);
    return text ? [{ key: x.key, code: x.code, text }] : [];
  });
}

/** The client's open 需补正 items (status 'correction'), in checklist order, with their notes (null when none). */
export function openCorrections(ctx: ServiceContext, clientId: number): Array<{ itemKey: string; title: string; note: string | null }> {
  return (ctx.db.prepare("SELECT item_key, title, note FROM materials WHERE client_id = ? AND status = 'correction' ORDER BY sort, id").all(clientId) as Array<Record<string, unknown>>)
    .map((m) => ({ itemKey: m.item_key as string, title: m.title as string, note: (m.note as string | null) || null }));
}
