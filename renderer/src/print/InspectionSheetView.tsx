/**
 * Print view 'inspection': the site-inspection prep sheet (spec §6, issue 12), always in Chinese, ONE A4 page for a
 * normal inspection (14–20 checklist items, 2–4 attendees) by layout — compact rows, two-column lists, text never
 * below 9 pt (inspection-sheet.css). A longer checklist continues on page 2 with its header repeated; the last
 * section and the signature block stay together (`.insp-tail`), and no page is left blank. Params: `ids=1,2,3` (those
 * inspections, in that order) or `date=YYYY-MM-DD` (every inspection of that day, one sheet each, each from a new page).
 *
 * What the authority checks, in order: the client and the visit (address = the app's inspection panel), the
 * platform (name, domain, ICP备案号 with a box "备案信息与申请一致", server location and the hosting / cloud agreement),
 * the people (a row for every required role — 技术负责人, 客服专员, 信息安全专员 — "未指定" in red when nobody is
 *  assigned; the stage sits beside the client name; a value the app lacks — address, time — is a red "未填写"), the checklist with boxes (a measured area below the minimum in red), the equipment list, what to bring
 * (公章, 营业执照正本, the legal representative or a signed authorisation, and the originals of the submitted
 * materials that have one), notes, the consultant, signatures and the print date.
 */
import { useEffect, useState } from 'react';
import i18n from '../i18n/index';
import type { Out } from '../../../shared/contract';
import type { PrepSheet } from '../../../shared/contracts/inspections';
import { isoWeekday } from '../../../shared/domain/calendar';
import { attendeeRoleZh, INSPECTION_SECTIONS, MIN_OFFICE_AREA, type AttendeeRole } from '../../../shared/domain/inspection';
import { MATERIAL_STATUS_ZH } from '../../../shared/domain/materials';
import { stageOf } from '../../../shared/domain/stages';
import { call, ApiError } from '../api';
import type { PrintViewProps } from './PrintPage';
import './inspection-sheet.css';

const t = i18n.getFixedT('zh-CN', 'translation', 'inspection.sheet');
const WEEKDAYS = '一二三四五六日';
const sectionZh = (k: string) => INSPECTION_SECTIONS.find((s) => s.key === k)?.zh ?? k;
/** Roles the authority expects to meet (spec §3 condition 6): each gets a row even when nobody is assigned. */
export const REQUIRED_ROLES: readonly AttendeeRole[] = ['tech_lead', 'customer_service', 'security_officer'];

/** Reads `ids=` (comma-separated positive integers) or `date=` from the print route's parameters. */
export function sheetQuery(params: URLSearchParams): { ids: number[] } | { date: string } | null {
  const ids = (params.get('ids') ?? '').split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0);
  if (ids.length) return { ids };
  const date = params.get('date');
  return date ? { date } : null;
}

export function InspectionSheetView({ params, onReady }: PrintViewProps) {
  const [data, setData] = useState<Out<'inspections.sheets'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const q = sheetQuery(params);
    if (!q) { setError('缺少参数：ids 或 date'); return; }
    call('inspections.sheets', q).then(setData, (e) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [params]);
  useEffect(() => { if (data || error) onReady(); }, [data, error, onReady]);
  if (error) return <p className="red">{error}</p>;
  if (!data) return <p>加载中…</p>;
  if (!data.sheets.length) return <p>{t('empty')}</p>;
  return (
    <>
      {data.sheets.map((s, k) => <Sheet key={s.inspection.id} sheet={s} printedOn={data.printedOn} first={k === 0} />)}
    </>
  );
}

/** Splits a list into rows of `n` cells (the two-column lists). */
function rowsOf<T>(list: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let k = 0; k < list.length; k += n) out.push(list.slice(k, k + n));
  return out;
}

function Sheet({ sheet, printedOn, first }: { sheet: PrepSheet; printedOn: string; first: boolean }) {
  const { inspection: i, client: c, originals, hosting, eligibilityFailures, corrections } = sheet;
  const pitfalls = sheet.pitfalls ?? [];
  const none = t('none');
  // A value the sheet needs but the app does not have is marked the same way everywhere: red "未填写".
  const missing = <span className="red">{t('missing')}</span>;
  const blank = <span className="fill" />;
  // The same count as the app's readiness: a ticked item whose measured area is below the minimum is still open.
  const done = i.readiness.done;
  const consultant = [i.consultantName, i.consultantPhone].filter(Boolean).join('  ') || none;
  const equipment = (i.equipmentList ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  // One row per required role (in order, the attendees named for it, or "未指定"), then everyone else.
  const people: Array<{ role: string; name: string | null; phone: string | null }> = [];
  for (const role of REQUIRED_ROLES) {
    const named = i.attendees.filter((a) => a.role === role);
    if (named.length) named.forEach((a) => people.push({ role, name: a.name, phone: a.phone }));
    else people.push({ role, name: null, phone: null });
  }
  for (const a of i.attendees) if (!REQUIRED_ROLES.includes(a.role)) people.push({ role: a.role, name: a.name, phone: a.phone });
  const bring = [
    t('bringSeal'), t('bringLicence'),
    c.legalRep ? t('bringLegalRepNamed', { name: c.legalRep }) : t('bringLegalRep'),
  ];
  const hostingText = hosting
    ? hosting.status === 'missing' || hosting.status === 'correction'
      ? <span className="red">{MATERIAL_STATUS_ZH[hosting.status]}</span>
      : MATERIAL_STATUS_ZH[hosting.status]
    : none;
  return (
    <section className={`insp-sheet${first ? '' : ' page-break'}`} data-testid={`sheet-${i.id}`}>
      <div className="insp-head keep">
        <h1>{t('title')}</h1>
        <div className="meta">{t('consultant')}：{consultant}　{t('printedOn', { date: printedOn })}</div>
      </div>
      <table className="insp-info">
        <colgroup><col style={{ width: '31mm' }} /><col /><col style={{ width: '31mm' }} /><col /></colgroup>
        <tbody>
          <tr><th>{t('client')}</th><td className="insp-client">{c.name}</td><th>{t('stage')}</th><td data-testid="sheet-stage">{stageOf(sheet.stage).no}. {stageOf(sheet.stage).zh}</td></tr>
          <tr><th>{t('uscc')}</th><td>{c.uscc}</td><th>{t('city')}</th><td>{[c.city, c.district].filter(Boolean).join(' ')}</td></tr>
          <tr><th>{t('address')}</th><td colSpan={3}>{i.address ?? missing}</td></tr>
          <tr>
            <th>{t('date')}</th><td className="insp-date">{i.date}（星期{WEEKDAYS[isoWeekday(i.date) - 1]}）{i.time ? ` ${i.time}` : <> {missing}</>}</td>
            <th>{t('authority')}</th><td>{i.authorityPeople ?? blank}</td>
          </tr>
          <tr className="insp-platform-start"><th>{t('platformName')}</th><td>{c.platformName ?? <span className="red">{t('missing')}</span>}</td><th>{t('domain')}</th><td>{c.domain ?? <span className="red">{t('missing')}</span>}</td></tr>
          <tr>
            <th>{t('icpFilingNo')}</th><td>{c.icpFilingNo ?? <span className="red">{t('missing')}</span>}</td>
            <th>{t('filingCheck')}</th><td><span className="box" />{t('filingMatches')}</td>
          </tr>
          <tr><th>{t('serverLocation')}</th><td>{c.serverLocation ?? <span className="red">{t('missing')}</span>}</td><th>{t('hosting')}</th><td>{hostingText}</td></tr>
        </tbody>
      </table>

      {/* Nothing to settle → no row (the sheet stays on one A4 page); otherwise every item, in red. */}
      {(eligibilityFailures.length > 0 || pitfalls.length > 0 || corrections.length > 0) && <table className="insp-list insp-alerts" data-testid="sheet-alerts">
        <tbody>
          <tr><th>{t('alerts')}</th><td>
            {eligibilityFailures.map((f) => (
              <div key={f.key} className="red" data-fail={f.key}>{t('eligibilityFail')}（{f.no}. {f.condition}）：{f.text}</div>
            ))}
            {pitfalls.map((p) => (
              <div key={p.code} className="red" data-pitfall={p.code}>{t('pitfall')}：{p.text}</div>
            ))}
            {corrections.map((m) => (
              <div key={m.itemKey} className="red" data-correction={m.itemKey}>{t('correction')}：{m.itemKey} {m.title}{m.note ? `——${m.note}` : ''}</div>
            ))}
          </td></tr>
        </tbody>
      </table>}

      <table className="insp-attendees">
        <thead><tr><th className="c-role">{t('attendees')} · {t('role')}</th><th>{t('name')}</th><th>{t('phone')}</th><th className="c-sign">{t('checkIn')}</th></tr></thead>
        <tbody>
          {people.map((p, k) => (
            <tr key={k} data-role={p.role}>
              <td>{attendeeRoleZh(p.role)}</td>
              <td>{p.name ?? <span className="red">{t('unassigned')}</span>}</td>
              <td>{p.phone ?? ''}</td>
              <td />
            </tr>
          ))}
        </tbody>
      </table>

      <table className="insp-check">
        <colgroup><col style={{ width: '11mm' }} /><col style={{ width: '18mm' }} /><col /><col style={{ width: '52mm' }} /></colgroup>
        <thead>
          {/* The caption row repeats with the header on a continuation page, naming whose checklist it is. */}
          <tr className="insp-caption"><th colSpan={4}>{t('checklist')}（{done}/{i.items.length}）<span>{c.name} · {i.date}</span></th></tr>
          <tr><th className="c-box">{t('done')}</th><th className="c-sec">{t('section')}</th><th>{t('item')}</th><th className="c-note">{t('remark')}</th></tr>
        </thead>
        <tbody>
          {i.items.map((x, k) => {
            const firstOfSection = k === 0 || i.items[k - 1].section !== x.section;
            const area = x.measuredAreaM2 === null ? null : t('m2', { v: x.measuredAreaM2 });
            return (
              <tr key={x.id} className={firstOfSection && k > 0 ? 'sec-start' : undefined} data-item={x.id}>
                <td className="c-box"><span className="box">{x.checked ? '✓' : ''}</span></td>
                <td className="c-sec">{firstOfSection ? sectionZh(x.section) : ''}</td>
                <td className={x.flagged ? 'red' : undefined}>{x.text}</td>
                <td className="c-note">
                  {area && <span className={x.flagged ? 'red' : undefined}>{area}{x.flagged ? `（${t('areaLow', { min: MIN_OFFICE_AREA.valueM2 })}）` : ''}</span>}
                  {area && x.note ? '；' : ''}{x.note ?? ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <table className="insp-list insp-equipment">
        <tbody>
          <tr><th>{t('equipment')}</th><td>{equipment.length ? equipment.join('；') : none}</td></tr>
        </tbody>
      </table>

      {/* The last sections and the signatures never part: on two pages they move to page 2 together. */}
      <div className="insp-tail keep">
        <table className="insp-list insp-bring">
          <tbody>
            <tr><th>{t('bring')}</th>{bring.map((b, k) => <td key={k}><span className="box" />{b}</td>)}</tr>
          </tbody>
        </table>
        <table className="insp-list insp-originals">
          <tbody>
            <tr><th colSpan={2}>{t('originals')}</th></tr>
            {originals.length ? rowsOf(originals, 2).map((pair, k) => (
              <tr key={k}>
                {pair.map((m, j) => <td key={m.itemKey}><span className="box" />{k * 2 + j + 1}. {m.title}</td>)}
                {pair.length < 2 && <td />}
              </tr>
            )) : <tr><td colSpan={2}>{none}</td></tr>}
          </tbody>
        </table>
        {i.notes && (
          <table className="insp-list insp-notes"><tbody><tr><th>{t('notes')}</th><td>{i.notes.split('\n').map((l, k) => <div key={k}>{l || '\u00a0'}</div>)}</td></tr></tbody></table>
        )}
        <div className="insp-sign">
          <strong>{t('sign')}</strong>
          <span>{t('signClient')}<i /></span>
          <span>{t('signConsultant')}<i /></span>
          <span>{t('signDate')}<i /></span>
        </div>
      </div>
    </section>
  );
}
