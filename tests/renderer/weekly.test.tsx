import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Envelope, Method } from '../../shared/contract';
import { isoWeekFromId } from '../../shared/domain/weeks';
import { DEFAULT_MATERIAL_TEMPLATE } from '../../shared/domain/materials';
import { buildClientWeekSummary } from '../../shared/reports/weekly-build';
import { rollupRowOf } from '../../shared/reports/weekly-rollup';
import { weeklyClientText } from '../../shared/reports/weekly-text';
import type { ClientWeekSummary, WeeklyRollup } from '../../shared/reports/weekly-model';
import { setTransport } from '../../renderer/src/api';
import { ClientWeekPanel } from '../../renderer/src/pages/weekly/ClientWeekPanel';
import { clientPrintHash, rollupPrintHash } from '../../renderer/src/pages/weekly/export-links';
import { WeekPicker } from '../../renderer/src/pages/weekly/WeekPicker';
import { RollupPanel } from '../../renderer/src/pages/weekly/RollupPanel';
import { useAppStore } from '../../renderer/src/stores/app-store';
import i18n from '../../renderer/src/i18n';
import weeklyRes from '../../renderer/src/i18n/resources/weekly';
import { weekRelation } from '../../shared/domain/weeks';

/** The print-route pattern the Electron host accepts (electron/host-ipc.ts, PrintRoute.hash). */
const ELECTRON_PRINT_ROUTE = /^#\/print\/[\w\-/?=&,.%]*$/;

function summary(nextSteps: { body: string; updatedAt: string } | null): ClientWeekSummary {
  return buildClientWeekSummary({
    week: isoWeekFromId('2026-W48'),
    generatedOn: '2026-11-27',
    asOf: '2026-11-27',
    client: { id: 5, name: '晋中重工源装备科技有限公司', uscc: '91140702MA6A20M59M', city: '晋中市', consultant: '路顾问' },
    stage: 'materials',
    events: [],
    notes: [{ id: 1, date: '2026-11-25', body: '材料已初审通过' }],
    materials: DEFAULT_MATERIAL_TEMPLATE.map((m, i) => ({ itemKey: m.key, title: m.title, sort: i, status: m.key === 'D02' ? 'correction' as const : 'missing' as const, dueDate: null, note: m.key === 'D02' ? '需加盖公章' : null })),
    upcoming: [
      { clientId: 5, date: '2026-11-20', source: 'material', sourceLabel: '材料截止', title: '营业执照副本复印件', detail: null, time: null, overdueDays: 7, dayMark: null },
      { clientId: 5, date: '2026-12-01', source: 'inspection', sourceLabel: '现场核查', title: '现场核查', detail: null, time: '14:30', overdueDays: 0, dayMark: null },
    ],
    nextSteps,
  });
}

function fakeApi() {
  const calls: Array<{ method: Method; input: Record<string, unknown> }> = [];
  let saved: { body: string; updatedAt: string } | null = null;
  setTransport(async (method, input): Promise<Envelope<unknown>> => {
    const i = input as Record<string, unknown>;
    calls.push({ method, input: i });
    if (method === 'weekly.client') return { ok: true, value: summary(saved) };
    if (method === 'weekly.setNextSteps') {
      saved = i.body ? { body: String(i.body), updatedAt: '2026-11-27T03:00:00.000Z' } : null;
      return { ok: true, value: { clientId: 5, week: '2026-W48', body: saved?.body ?? null, updatedAt: saved?.updatedAt ?? null } };
    }
    if (method === 'weekly.rollup') {
      const s = summary(saved);
      const r: WeeklyRollup = {
        week: s.week, generatedOn: s.generatedOn, filters: { city: null, stage: null, consultant: null }, sort: 'city', dir: 'asc',
        rows: [rollupRowOf(s)], totals: { active: 1, shown: 1, noNote: 0 }, consultants: ['路顾问'],
      };
      return { ok: true, value: r };
    }
    return { ok: false, error: { code: 'UNKNOWN_METHOD', message: method } };
  });
  return calls;
}

describe('weekly page pieces (renderer)', () => {
  it('print routes stay within what the Electron host accepts, whatever the filter values', () => {
    const hash = rollupPrintHash('2026-W48', { city: '太原市', stage: 'materials', consultant: "Li Lei (兼)~'*!", sort: 'nextDeadline', dir: 'desc' });
    expect(hash).toMatch(ELECTRON_PRINT_ROUTE);
    const params = new URLSearchParams(hash.split('?')[1]);
    expect(Object.fromEntries(params)).toEqual({ week: '2026-W48', city: '太原市', stage: 'materials', consultant: "Li Lei (兼)~'*!", sort: 'nextDeadline', dir: 'desc' });
    expect(rollupPrintHash('2026-W01', { city: null, stage: null, consultant: null, sort: 'city', dir: 'asc' })).toBe('#/print/weekly-rollup?week=2026-W01&sort=city&dir=asc');
    expect(clientPrintHash(12, '2026-W48')).toBe('#/print/weekly-client?clientId=12&week=2026-W48');
  });

  it('client week: next steps edits hold the exports until saved; the chat text is the shared rendering', async () => {
    const calls = fakeApi();
    render(<ClientWeekPanel clientId={5} week="2026-W48" />);
    await waitFor(() => expect(screen.getByTestId('weekly-client-sheet')).toBeTruthy());
    expect(screen.getByTestId('weekly-client-name').textContent).toBe('晋中重工源装备科技有限公司');
    const input = screen.getByTestId('next-steps-input') as HTMLTextAreaElement;
    expect(input.value).toBe(summary(null).nextSteps.text); // the suggestion
    expect(screen.getByTestId('next-steps-state').textContent).toBe('当前为系统建议（尚未保存）');
    expect((screen.getByTestId('client-pdf') as HTMLButtonElement).disabled).toBe(false);

    fireEvent.change(input, { target: { value: '下周一提交消防证明' } });
    expect((screen.getByTestId('client-pdf') as HTMLButtonElement).disabled).toBe(true);
    await act(async () => { fireEvent.click(screen.getByTestId('next-steps-save')); });
    await waitFor(() => expect(screen.getByTestId('sheet-next-steps').textContent).toBe('下周一提交消防证明'));
    expect(calls.find((c) => c.method === 'weekly.setNextSteps')?.input).toEqual({ clientId: 5, week: '2026-W48', body: '下周一提交消防证明' });
    expect((screen.getByTestId('client-pdf') as HTMLButtonElement).disabled).toBe(false);

    fireEvent.click(screen.getByTestId('tab-weekly-chat'));
    expect((screen.getByTestId('chat-text') as HTMLTextAreaElement).value).toBe(weeklyClientText(summary({ body: '下周一提交消防证明', updatedAt: 'x' })));
    // Exports never write: the only writing call was the explicit save.
    expect(calls.filter((c) => !['weekly.client', 'weekly.rollup'].includes(c.method)).map((c) => c.method)).toEqual(['weekly.setNextSteps']);
  });

  it('the week picker says which week it is and why (roll-up: the Monday rule; a client: the current week)', () => {
    // Monday 2026-09-28: the roll-up opens week 39 (last week), a client's summary week 40 (this week).
    expect(weekRelation(isoWeekFromId('2026-W39'), '2026-09-28', 'rollup')).toEqual({ offset: -1, reason: 'monday' });
    expect(weekRelation(isoWeekFromId('2026-W40'), '2026-09-28', 'client')).toEqual({ offset: 0, reason: 'current' });
    expect(weekRelation(isoWeekFromId('2026-W40'), '2026-09-28', 'rollup')).toEqual({ offset: 0, reason: null });
    expect(weekRelation(isoWeekFromId('2026-W37'), '2026-09-30', 'rollup')).toEqual({ offset: -3, reason: null });
    expect(weekRelation(isoWeekFromId('2026-W40'), '2026-09-30', 'rollup')).toEqual({ offset: 0, reason: 'current' });

    useAppStore.setState({ today: '2026-09-28' });
    const { rerender } = render(<WeekPicker week="2026-W39" onChange={() => undefined} />);
    expect(screen.getByTestId('week-relation').textContent).toBe('上周（本周一默认）');
    rerender(<WeekPicker week="2026-W40" onChange={() => undefined} mode="client" />);
    expect(screen.getByTestId('week-relation').textContent).toBe('本周（客户周报默认本周）');
    rerender(<WeekPicker week="2026-W37" onChange={() => undefined} />);
    expect(screen.getByTestId('week-relation').textContent).toBe('3周前');
  });

  it('English UI: week relation, roll-up columns for 需补正 and overdue (sortable), the overdue next deadline', async () => {
    await act(async () => { await i18n.changeLanguage('en'); });
    try {
      useAppStore.setState({ today: '2026-09-28' });
      const { unmount } = render(<WeekPicker week="2026-W39" onChange={() => undefined} />);
      expect(screen.getByTestId('week-relation').textContent).toBe('Last week (default on a Monday)');
      unmount();
      const calls = fakeApi();
      render(<RollupPanel week="2026-W48" />);
      await waitFor(() => expect(screen.getByTestId('rollup-table')).toBeTruthy());
      expect(screen.getByText('To correct')).toBeTruthy();
      expect(screen.getByText('Overdue')).toBeTruthy();
      expect(screen.getByTestId('rollup-row-corrections').textContent).toBe('1');
      expect(screen.getByTestId('rollup-row-overdue').textContent).toBe('1');
      expect(screen.getByTestId('rollup-row-next').textContent).toBe('11-20 营业执照副本复印件7 days overdue');
      await act(async () => { fireEvent.click(screen.getByText('Overdue')); });
      await waitFor(() => expect(calls.filter((c) => c.method === 'weekly.rollup').some((c) => c.input.sort === 'overdue')).toBe(true));
    } finally {
      await act(async () => { await i18n.changeLanguage('zh-CN'); });
    }
  });

  it('the English strings of the weekly page are complete (same keys as Chinese, plurals aside)', () => {
    const keys = (o: object, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v as object, `${p}${k}.`) : [`${p}${k.replace(/_(one|other)$/, '')}`]));
    expect([...new Set(keys(weeklyRes.en))].sort()).toEqual([...new Set(keys(weeklyRes.zh))].sort());
  });
});
