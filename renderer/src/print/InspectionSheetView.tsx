/**
 * Print view 'inspection': the site-inspection prep sheet (spec §6), always in Chinese, one A4 sheet per inspection
 * (a second page only when the content needs it; rows never split — print.css). Params: `ids=1,2,3` (those
 * inspections, in that order) or `date=YYYY-MM-DD` (every inspection of that day). Shows the client (name, USCC,
 * city, address), date and time, the authority staff, the attendees with phones, the checklist with boxes (ticked
 * where done; a measured area below the minimum in red), the equipment list, the originals to bring (the client's
 * submitted/accepted materials in list order), notes, the consultant, a signature line and the print date.
 */
import { useEffect, useState } from 'react';
import i18n from '../i18n/index';
import type { Out } from '../../../shared/contract';
import type { PrepSheet } from '../../../shared/contracts/inspections';
import { isoWeekday } from '../../../shared/domain/calendar';
import { ATTENDEE_ROLES, INSPECTION_SECTIONS, MIN_OFFICE_AREA } from '../../../shared/domain/inspection';
import { call, ApiError } from '../api';
import type { PrintViewProps } from './PrintPage';
import './inspection-sheet.css';

const t = i18n.getFixedT('zh-CN', 'translation', 'inspection.sheet');
const WEEKDAYS = '一二三四五六日';
const roleZh = (k: string) => ATTENDEE_ROLES.find((r) => r.key === k)?.zh ?? k;
const sectionZh = (k: string) => INSPECTION_SECTIONS.find((s) => s.key === k)?.zh ?? k;

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

function Sheet({ sheet, printedOn, first }: { sheet: PrepSheet; printedOn: string; first: boolean }) {
  const { inspection: i, client: c, originals } = sheet;
  const none = t('none');
  // The same count as the app's readiness: a ticked item whose measured area is below the minimum is still open.
  const done = i.readiness.done;
  const consultant = [i.consultantName, i.consultantPhone].filter(Boolean).join('  ') || none;
  const equipment = (i.equipmentList ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  const originalRows: Array<typeof originals> = [];
  for (let k = 0; k < originals.length; k += 2) originalRows.push(originals.slice(k, k + 2));
  return (
    <section className={`insp-sheet${first ? '' : ' page-break'}`} data-testid={`sheet-${i.id}`}>
      <div className="insp-head keep">
        <h1>{t('title')}</h1>
        <div className="meta">{t('printedOn', { date: printedOn })}</div>
      </div>
      <table className="insp-info">
        <colgroup><col style={{ width: '24mm' }} /><col /><col style={{ width: '24mm' }} /><col /></colgroup>
        <tbody>
          <tr><th>{t('client')}</th><td colSpan={3} className="insp-client">{c.name}</td></tr>
          <tr><th>{t('uscc')}</th><td>{c.uscc}</td><th>{t('city')}</th><td>{[c.city, c.district].filter(Boolean).join(' ')}</td></tr>
          <tr><th>{t('address')}</th><td colSpan={3}>{i.address ?? c.address ?? none}</td></tr>
          <tr>
            <th>{t('date')}</th><td className="insp-date">{i.date}（星期{WEEKDAYS[isoWeekday(i.date) - 1]}）</td>
            <th>{t('time')}</th><td>{i.time ?? none}</td>
          </tr>
          <tr><th>{t('authority')}</th><td colSpan={3}>{i.authorityPeople ?? none}</td></tr>
          <tr><th>{t('consultant')}</th><td colSpan={3}>{consultant}</td></tr>
        </tbody>
      </table>

      <h2>{t('attendees')}</h2>
      <table className="insp-attendees">
        <colgroup><col /><col /><col /><col style={{ width: '34mm' }} /></colgroup>
        <thead><tr><th>{t('role')}</th><th>{t('name')}</th><th>{t('phone')}</th><th>到场签到</th></tr></thead>
        <tbody>
          {i.attendees.length ? i.attendees.map((a, k) => (
            <tr key={k}><td>{roleZh(a.role)}</td><td>{a.name}</td><td>{a.phone ?? ''}</td><td /></tr>
          )) : <tr><td colSpan={4}>{none}</td></tr>}
        </tbody>
      </table>

      <table className="insp-check">
        <colgroup><col style={{ width: '9mm' }} /><col style={{ width: '15mm' }} /><col /><col style={{ width: '52mm' }} /></colgroup>
        <thead>
          {/* The caption row repeats with the header on a continuation page, naming whose checklist it is. */}
          <tr className="insp-caption"><th colSpan={4}>{t('checklist')}（{done}/{i.items.length}）<span>{c.name} · {i.date}</span></th></tr>
          <tr><th className="c-box">{t('done')}</th><th className="c-sec">类别</th><th>{t('item')}</th><th className="c-note">{t('remark')}</th></tr>
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

      <h2>{t('equipment')}</h2>
      <table className="insp-list">
        <tbody>
          {equipment.length ? equipment.map((l, k) => <tr key={k}><td>{l}</td></tr>) : <tr><td>{none}</td></tr>}
        </tbody>
      </table>

      <h2>{t('originals')}</h2>
      <table className="insp-list insp-originals">
        <tbody>
          {originalRows.length ? originalRows.map((pair, k) => (
            <tr key={k}>
              {pair.map((m, j) => <td key={m.itemKey}><span className="box" />{k * 2 + j + 1}. {m.title}</td>)}
              {pair.length < 2 && <td />}
            </tr>
          )) : <tr><td colSpan={2}>{none}</td></tr>}
        </tbody>
      </table>

      {i.notes && (
        <>
          <h2>{t('notes')}</h2>
          <table className="insp-list"><tbody>{i.notes.split('\n').map((l, k) => <tr key={k}><td>{l || '\u00a0'}</td></tr>)}</tbody></table>
        </>
      )}

      <div className="insp-sign keep">
        <strong>{t('sign')}</strong>
        <span>{t('signClient')}<i /></span>
        <span>{t('signConsultant')}<i /></span>
        <span>{t('signDate')}<i /></span>
      </div>
    </section>
  );
}
