/**
 * Print views of the weekly summary (PDF export and printing):
 * - '#/print/weekly-client?clientId=12&week=2026-W48' — one client's summary;
 * - '#/print/weekly-rollup?week=2026-W48&city=太原市&stage=materials&consultant=路顾问&sort=city&dir=asc' — the roll-up.
 * Each page carries the document title and the week / date made in its top margin (running header) and the page
 * number in its bottom margin. The view calls `onReady` once the data is on the page (also after an error, so a
 * waiting Electron window does not hang; the error is then what prints).
 */
import { useEffect, useState } from 'react';
import type { ClientWeekSummary, RollupSortField, WeeklyRollup } from '../../../shared/reports/weekly-model';
import { ROLLUP_SORT_FIELDS } from '../../../shared/reports/weekly-model';
import { WEEKLY_ZH } from '../../../shared/reports/weekly-labels';
import type { StageKey } from '../../../shared/domain/stages';
import { STAGE_KEYS } from '../../../shared/domain/stages';
import { call, ApiError } from '../api';
import { ClientWeekSheet } from '../components/weekly/ClientWeekSheet';
import { RollupSheet } from '../components/weekly/RollupSheet';
import { PageMargins } from '../components/weekly/PageMargins';
import type { PrintViewProps } from './PrintPage';

function useLoad<T>(load: () => Promise<T>, onReady: () => void, key: string) {
  const [state, setState] = useState<{ data: T | null; error: string | null }>({ data: null, error: null });
  useEffect(() => {
    let alive = true;
    load().then(
      (data) => alive && setState({ data, error: null }),
      (e: unknown) => alive && setState({ data: null, error: e instanceof ApiError ? e.message : String(e) }),
    );
    return () => { alive = false; };
  }, [key]);
  useEffect(() => { if (state.data || state.error) onReady(); }, [state, onReady]);
  return state;
}

export function WeeklyClientPrint({ params, onReady }: PrintViewProps) {
  const clientId = Number(params.get('clientId'));
  const week = params.get('week') ?? '';
  const { data, error } = useLoad<ClientWeekSummary>(() => call('weekly.client', { clientId, week }), onReady, `${clientId}:${week}`);
  if (error) return <p className="red" data-testid="print-error">{error}</p>;
  if (!data) return null;
  return (
    <>
      <PageMargins left={`${WEEKLY_ZH.clientTitle} · ${data.client.name}`} right={`${data.week.label}　${WEEKLY_ZH.generatedOn}：${data.generatedOn}`} />
      <ClientWeekSheet s={data} />
    </>
  );
}

const pick = <T extends string>(v: string | null, allowed: readonly T[]): T | null => (v && (allowed as readonly string[]).includes(v) ? (v as T) : null);

export function WeeklyRollupPrint({ params, onReady }: PrintViewProps) {
  const input = {
    week: params.get('week') ?? '',
    city: params.get('city') || null,
    stage: pick<StageKey>(params.get('stage'), STAGE_KEYS),
    consultant: params.get('consultant') || null,
    sort: pick<RollupSortField>(params.get('sort'), ROLLUP_SORT_FIELDS) ?? undefined,
    dir: params.get('dir') === 'desc' ? ('desc' as const) : ('asc' as const),
  };
  const { data, error } = useLoad<WeeklyRollup>(() => call('weekly.rollup', input), onReady, params.toString());
  if (error) return <p className="red" data-testid="print-error">{error}</p>;
  if (!data) return null;
  return (
    <>
      <PageMargins left={WEEKLY_ZH.rollupTitle} right={`${data.week.label}　${WEEKLY_ZH.generatedOn}：${data.generatedOn}`} />
      <RollupSheet r={data} />
    </>
  );
}
