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

/** The print-route pattern the Electron host accepts (electron/host-ipc.ts, PrintRoute.hash). */
const ELECTRON_PRINT_ROUTE = /^#\/print\/[\w\-/?=&,.%]*$/;

function summary(nextSteps: { body: string; updatedAt: string } | null): ClientWeekSummary {
  return buildClientWeekSummary({
    week: isoWeekFromId('2026-W48'),
    generatedOn: '2026-11-27',
    client: { id: 5, name: '晋中重工源装备科技有限公司', uscc: '91140702MA6A20M59M', city: '晋中市', consultant: '路顾问' },
    stage: 'materials',
    events: [],
    notes: [{ id: 1, date: '2026-11-25', body: '材料已初审通过' }],
    materials: DEFAULT_MATERIAL_TEMPLATE.map((m, i) => ({ itemKey: m.key, title: m.title, sort: i, status: 'missing' as const, dueDate: null })),
    upcoming: [],
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
});
