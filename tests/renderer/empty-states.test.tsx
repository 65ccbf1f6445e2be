import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Envelope, Method } from '../../shared/contract';
import type { WeeklyRollup } from '../../shared/reports/weekly-model';
import { setTransport } from '../../renderer/src/api';
import { BoardPage } from '../../renderer/src/pages/BoardPage';
import { ClientWeekPanel } from '../../renderer/src/pages/weekly/ClientWeekPanel';
import { RollupPanel } from '../../renderer/src/pages/weekly/RollupPanel';
import { useAppStore } from '../../renderer/src/stores/app-store';
import { useBoardStore } from '../../renderer/src/stores/board-store';
import { useWeeklyStore } from '../../renderer/src/stores/weekly-store';

const EMPTY_ROLLUP: WeeklyRollup = {
  week: { id: '2026-W48', year: 2026, week: 48, start: '2026-11-23', end: '2026-11-29', label: '2026年第48周（11-23 ~ 11-29）' },
  generatedOn: '2026-11-30', filters: { city: '吕梁市', stage: null, consultant: null }, sort: 'attention', dir: 'asc',
  rows: [], totals: { active: 0, shown: 0, noNote: 0 }, consultants: [],
};

/** A transport answering from `answer`; every call is recorded. */
function api(answer: (method: Method, input: Record<string, unknown>) => Envelope<unknown>) {
  const calls: Array<{ method: Method; input: Record<string, unknown> }> = [];
  setTransport(async (method, input) => { calls.push({ method, input: input as Record<string, unknown> }); return answer(method, input as Record<string, unknown>); });
  return calls;
}

describe('empty and not-found states', () => {
  afterEach(() => { cleanup(); setTransport(null); });

  it('board: a search with no match shows one "没有符合条件的客户" message with 清除筛选, not seven empty columns', async () => {
    useAppStore.setState({ today: '2026-11-30' });
    useBoardStore.setState({ filters: { q: '不存在的公司', city: null, consultant: null }, columns: {} });
    const calls = api((method) => ({ ok: true, value: method === 'clients.facets' ? { consultants: [], total: 0 } : { total: 0, rows: [] } }));
    render(<BoardPage />);
    await waitFor(() => expect(screen.getByTestId('board-empty').textContent).toContain('没有符合条件的客户'));
    expect(screen.queryByTestId('board')).toBeNull();
    expect(screen.queryByText('无')).toBeNull();
    await act(async () => { fireEvent.click(screen.getByTestId('board-empty-clear')); });
    await waitFor(() => expect(calls.some((c) => c.method === 'clients.list' && c.input.q === '')).toBe(true));
    // Nothing filtered and still no client: the register's "no clients yet" text, without a clear button.
    await waitFor(() => expect(screen.getByTestId('board-empty').textContent).toContain('还没有客户'));
    expect(screen.queryByTestId('board-empty-clear')).toBeNull();
  });

  it('weekly page of a deleted client: a not-found message with a way back, no 重试 or 上一家/下一家', async () => {
    useWeeklyStore.setState({ summary: null, summaryError: null, summaryNotFound: null, rollup: null });
    api((method) => (method === 'weekly.client' ? { ok: false, error: { code: 'NOT_FOUND', message: '客户不存在' } } : { ok: true, value: EMPTY_ROLLUP }));
    render(<ClientWeekPanel clientId={999} week="2026-W48" />);
    await waitFor(() => expect(screen.getByTestId('weekly-client-not-found').textContent).toContain('找不到编号为 999 的客户'));
    expect(screen.queryByText('重试')).toBeNull();
    expect(screen.queryByTestId('weekly-prev-client')).toBeNull();
    expect(screen.queryByTestId('weekly-next-client')).toBeNull();
    fireEvent.click(screen.getByTestId('weekly-not-found-back'));
    expect(window.location.hash).toBe('#/weekly?week=2026-W48');
  });

  it('roll-up with no client: PDF, print and Excel are off with a hint; the 需补正 / 逾期 headers do not wrap', async () => {
    useWeeklyStore.setState({ rollup: null, rollupError: null, busy: null, filters: { city: '吕梁市', stage: null, consultant: null, sort: 'attention', dir: 'asc' } });
    const calls = api(() => ({ ok: true, value: EMPTY_ROLLUP }));
    render(<RollupPanel week="2026-W48" />);
    await waitFor(() => expect(screen.getByTestId('rollup-empty')).toBeTruthy());
    for (const id of ['rollup-pdf', 'rollup-print', 'rollup-xlsx']) expect((screen.getByTestId(id) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('rollup-nothing').textContent).toBe('没有可导出的客户：当前周次和筛选下没有客户');
    expect(screen.getByTestId('rollup-sort-default').textContent).toBe('按逾期、需补正从多到少排列，再按城市、客户');
    expect(calls.map((c) => c.method)).toEqual(['weekly.rollup']);
    for (const key of ['corrections', 'overdue']) {
      const head = screen.getByTestId(`rollup-head-${key}`);
      expect(getComputedStyle(head).whiteSpace).toBe('nowrap');
    }
  });
});
