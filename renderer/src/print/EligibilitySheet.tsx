/**
 * Print view 'eligibility' ('#/print/eligibility?clientId=<id>&today=YYYY-MM-DD'): the A4 资质评估表 of one client —
 * client header, the eight conditions with result and reasons, the pitfall warnings, a note that "unknown" is not a
 * pass, and signature lines. Calls onReady once the data is on the page.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client, Out } from '../../../shared/contract';
import { ELIGIBILITY_CONDITIONS } from '../../../shared/domain/eligibility';
import { call, ApiError } from '../api';
import { areaMismatchText, pitfallText, reasonText } from '../pages/client/eligibility-text';
import type { PrintViewProps } from './PrintPage';
import { cityLabel } from '../i18n/domain';

export function EligibilitySheet({ params, onReady }: PrintViewProps) {
  const { t, i18n } = useTranslation();
  const [data, setData] = useState<{ client: Client; a: Out<'eligibility.get'> } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const clientId = Number(params.get('clientId'));
  const today = params.get('today');
  useEffect(() => {
    void Promise.all([call('clients.get', { id: clientId }), call('eligibility.get', { clientId, today })])
      .then(([client, a]) => setData({ client, a }))
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [clientId, today]);
  useEffect(() => { if (data || error) onReady(); }, [data, error, onReady]);
  if (error) return <p className="red">{error}</p>;
  if (!data) return null;
  const { client, a } = data;
  const mark = { pass: '✓', fail: '✗', unknown: '?', off: '—' } as const;
  return (
    <div data-testid="eligibility-sheet">
      <h1>{t('eligibility.sheet.title')}</h1>
      <table>
        <colgroup><col style={{ width: '18%' }} /><col /><col style={{ width: '14%' }} /><col /></colgroup>
        <tbody>
          <tr><th style={{ width: '18%' }}>{t('eligibility.sheet.client')}</th><td colSpan={3}>{client.name}</td></tr>
          <tr><th>{t('eligibility.sheet.uscc')}</th><td>{client.uscc}</td><th style={{ width: '14%' }}>{t('eligibility.sheet.city')}</th><td>{cityLabel(client.city)}{client.district ? ` ${client.district}` : ''}</td></tr>
          <tr><th>{t('eligibility.sheet.consultant')}</th><td>{client.consultant ?? ''}</td><th>{t('eligibility.sheet.date')}</th><td>{a.today}</td></tr>
        </tbody>
      </table>
      {a.areaMismatch && <p className="red" data-testid="sheet-area-mismatch">{areaMismatchText(t, a.areaMismatch)}</p>}
      <h2 data-testid="sheet-overall">{t('eligibility.sheet.overall', { v: t(`eligibility.overall.${a.overall}`) })}</h2>
      <table>
        <thead>
          <tr><th style={{ width: '6%' }}>{t('eligibility.sheet.no')}</th><th style={{ width: '34%' }}>{t('eligibility.sheet.condition')}</th><th style={{ width: '12%' }}>{t('eligibility.sheet.result')}</th><th>{t('eligibility.sheet.reason')}</th></tr>
        </thead>
        <tbody>
          {a.results.map((r) => (
            <tr key={r.key} data-testid={`sheet-${r.key}`}>
              <td>{ELIGIBILITY_CONDITIONS.find((c) => c.key === r.key)!.no}</td>
              <td>{t(`eligibility.condition.${r.key}`)}</td>
              <td className={r.status === 'fail' ? 'red' : undefined}>{mark[r.status]} {t(`eligibility.status.${r.status}`)}</td>
              <td>{r.reasons.map((x) => <div key={x.code} className={x.status === 'fail' ? 'red' : undefined}>{reasonText(t, i18n, x.code, x.params, x.source)}</div>)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {a.pitfalls.length > 0 && (
        <div className="keep">
          <h2>{t('eligibility.pitfalls')}</h2>
          <ul>{a.pitfalls.map((p, i) => <li key={i}><b>{t(`eligibility.pitfall.${p.key}`)}{t('common.colon')}</b>{pitfallText(t, i18n, p.code, p.params)}</li>)}</ul>
        </div>
      )}
      <p className="meta">{t('eligibility.sheet.note')}</p>
      <table className="keep" style={{ marginTop: '14pt' }}>
        <tbody><tr><td style={{ height: '36pt', width: '50%' }}>{t('eligibility.sheet.sign')}</td><td>{t('eligibility.sheet.clientSign')}</td></tr></tbody>
      </table>
    </div>
  );
}
