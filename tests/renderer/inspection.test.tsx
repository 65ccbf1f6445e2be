import { describe, expect, it, afterEach } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Envelope, Method } from '../../shared/contract';
import type { UpcomingInspection } from '../../shared/contracts/inspections';
import { setTransport } from '../../renderer/src/api';
import { InspectionBanner } from '../../renderer/src/components/InspectionBanner';
import { useAppStore } from '../../renderer/src/stores/app-store';
import { useInspectionsStore } from '../../renderer/src/stores/inspections-store';
import { sheetQuery } from '../../renderer/src/print/InspectionSheetView';
import { InspectionChecklist } from '../../renderer/src/pages/client/inspection/InspectionChecklist';
import type { Inspection } from '../../shared/contracts/inspections';
import inspection from '../../renderer/src/i18n/resources/inspection';

/** Every key path of a nested strings object (arrays count as leaves). */
function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v) ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`])).sort();
}

const readiness = (done: number, total: number) => ({ done, total, percent: Math.floor((done * 100) / total), open: [] });

describe('site inspection UI', () => {
  afterEach(() => {
    setTransport(null);
    useInspectionsStore.setState({ upcoming: [] });
  });

  it('the English strings are complete (same keys as Chinese)', () => {
    expect(keys(inspection.en)).toEqual(keys(inspection.zh));
  });

  it('clicking an item\'s text ticks it (the text is the checkbox\'s label); Space on the focused box ticks it too', async () => {
    const item = (id: number, key: string, text: string) => ({
      id, inspectionId: 5, templateKey: key, section: 'premises' as const, text, evidence: 'none' as const, sort: id * 10, checked: false, note: null,
      measuredAreaM2: null, flagged: false, updatedAt: '2026-11-30T02:00:00.000Z',
    });
    const inspection = { id: 5, items: [item(1, 'P02', '办公地址与租赁合同一致'), item(2, 'P03', '场地消防备案证明在手')] } as unknown as Inspection;
    const asked: unknown[] = [];
    setTransport(async (method: Method, input: unknown): Promise<Envelope<unknown>> => {
      asked.push({ method, input });
      return { ok: false, error: { code: 'INTERNAL', message: 'not needed' } };
    });
    render(<InspectionChecklist inspection={inspection} />);
    fireEvent.click(screen.getByText('办公地址与租赁合同一致'));
    await waitFor(() => expect(asked).toHaveLength(1));
    expect(asked[0]).toEqual({ method: 'inspections.setItem', input: { id: 1, checked: true, note: null, measuredAreaM2: null } });
    const box = screen.getByTestId('insp-check-P03') as HTMLInputElement;
    expect(screen.getByText('场地消防备案证明在手').getAttribute('for')).toBe(box.id);
    // A native checkbox toggles on Space: what the browser does on keyup, jsdom/happy-dom model as a click.
    box.focus();
    fireEvent.click(box);
    await waitFor(() => expect(asked).toHaveLength(2));
    expect(asked[1]).toMatchObject({ method: 'inspections.setItem', input: { id: 2, checked: true } });
  });

  it('print params: ids (comma list) or a date', () => {
    expect(sheetQuery(new URLSearchParams('ids=1,2,3'))).toEqual({ ids: [1, 2, 3] });
    expect(sheetQuery(new URLSearchParams('ids=4,x,-1&date=2026-12-01'))).toEqual({ ids: [4] });
    expect(sheetQuery(new URLSearchParams('date=2026-12-01'))).toEqual({ date: '2026-12-01' });
    expect(sheetQuery(new URLSearchParams(''))).toBeNull();
  });

  it('the banner asks for today and tomorrow (host clock) and highlights checklists below 100%', async () => {
    useAppStore.setState({ today: '2026-11-30' });
    const asked: unknown[] = [];
    const rows: UpcomingInspection[] = [
      { id: 1, clientId: 11, clientName: '太原晋祠兴旅游服务有限公司', date: '2026-11-30', time: '09:30', readiness: readiness(14, 14) },
      { id: 2, clientId: 12, clientName: '大同沃土坊农产品供应链有限公司', date: '2026-12-01', time: null, readiness: readiness(7, 14) },
    ];
    setTransport(async (method: Method, input: unknown): Promise<Envelope<unknown>> => {
      asked.push({ method, input });
      return { ok: true, value: method === 'inspections.upcoming' ? rows : null };
    });
    render(<InspectionBanner />);
    await waitFor(() => expect(screen.getByTestId('insp-banner-2')).toBeTruthy());
    expect(asked).toEqual([{ method: 'inspections.upcoming', input: { from: '2026-11-30', to: '2026-12-01' } }]);
    expect(screen.getByTestId('insp-banner-1').getAttribute('data-highlight')).toBe('false');
    expect(screen.getByTestId('insp-banner-2').getAttribute('data-highlight')).toBe('true');
    expect(screen.getByTestId('insp-banner-1').textContent).toContain('今天');
    expect(screen.getByTestId('insp-banner-2').textContent).toMatch(/明天.*大同沃土坊.*50%.*准备未完成/);
    expect(screen.getByTestId('insp-banner-print-2026-12-01').textContent).toContain('打印明天全部准备单（1）');
  });

  it('the banner renders nothing without upcoming inspections', async () => {
    useAppStore.setState({ today: '2026-11-30' });
    let called = false;
    setTransport(async () => { called = true; return { ok: true, value: [] }; });
    const { container } = render(<InspectionBanner />);
    await waitFor(() => expect(called).toBe(true));
    expect(container.innerHTML).toBe('');
  });
});
