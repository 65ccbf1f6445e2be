import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import type { Envelope, Method } from '../../shared/contract';
import { setTransport } from '../../renderer/src/api';
import { App } from '../../renderer/src/App';
import { useAppStore } from '../../renderer/src/stores/app-store';

/**
 * The host's `today` (ICPDESK_NOW, or its clock) is the one every deadline is computed for. The pages wait for it: a
 * home page drawn for the browser's own date first showed "今天是 <real date>" and asked the dashboard for that day,
 * which a loaded CI machine caught (tests/e2e/deadlines.test.ts read the real date).
 */
describe('the app waits for the host\'s today', () => {
  afterEach(() => setTransport(null));

  it('draws no page and asks no dashboard before app.info answers; then shows the host\'s 2026-09-18 周五', async () => {
    useAppStore.setState({ answered: false, today: '2099-01-01', state: null });
    let answer: (v: Envelope<unknown>) => void = () => {};
    const dashboardDays: unknown[] = [];
    setTransport(async (method: Method, input: unknown): Promise<Envelope<unknown>> => {
      if (method === 'app.info') {
        return new Promise((resolve) => { answer = resolve; });
      }
      if (method === 'dashboard.get') dashboardDays.push((input as { today: string }).today);
      return { ok: false, error: { code: 'INTERNAL', message: 'not needed here' } };
    });
    render(<App />);
    expect(await screen.findByTestId('app-starting')).toBeTruthy();
    expect(screen.queryByTestId('home')).toBeNull();
    expect(dashboardDays).toEqual([]);

    answer({ ok: true, value: { today: '2026-09-18', version: '1.0.0', dataDir: '/d', dbPath: '/d/icp-desk.sqlite', schemaVersion: 70, state: 'ok' } });
    await waitFor(() => expect(screen.getByTestId('home-today').textContent).toContain('2026-09-18 周五'));
    expect(screen.queryByTestId('app-starting')).toBeNull();
    expect(dashboardDays).toEqual(['2026-09-18']);
  });

  it('a host that does not answer still lets the pages draw (they show their own connection errors)', async () => {
    useAppStore.setState({ answered: false, state: null });
    setTransport(async (): Promise<Envelope<unknown>> => ({ ok: false, error: { code: 'INTERNAL', message: 'host down' } }));
    render(<App />);
    await waitFor(() => expect(screen.getByTestId('home')).toBeTruthy());
    expect(screen.queryByTestId('app-starting')).toBeNull();
  });
});
