import { afterEach, describe, expect, it } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import type { Envelope } from '../../shared/contract';
import type { HolidayYearInfo } from '../../shared/contracts/deadlines';
import { setTransport } from '../../renderer/src/api';
import { SettingsPage } from '../../renderer/src/pages/SettingsPage';
import { useAppStore } from '../../renderer/src/stores/app-store';
import { useSettingsStore } from '../../renderer/src/stores/settings-store';

const year = (y: number): HolidayYearInfo => ({ year: y, source: `国务院办公厅关于${y}年部分节假日安排的通知`, holidays: [{ date: `${y}-10-01`, name: '国庆节' }], workdays: [], origin: 'builtin', updatedAt: null });

afterEach(() => setTransport(null));

describe('settings: the holiday calendar', () => {
  it('offers to add the next missing year only once the years are read (before, every year looked missing)', async () => {
    useAppStore.setState({ today: '2026-12-30' });
    useSettingsStore.setState({ years: [], loaded: false, rules: null, error: null });
    let release: () => void = () => {};
    const held = new Promise<void>((r) => { release = r; });
    setTransport(async (method): Promise<Envelope<unknown>> => {
      if (method === 'calendar.years') {
        await held;
        return { ok: true, value: [year(2025), year(2026)] };
      }
      if (method === 'settings.get') return { ok: true, value: { requireOneYear: true } };
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: method } };
    });
    render(<SettingsPage />);
    await screen.findByTestId('calendar-panel');
    // Still reading: no 添加 button (it would have offered 2026, which the calendar already has).
    expect(screen.queryByTestId('calendar-add')).toBeNull();
    expect(screen.queryByTestId('calendar-add-other')).toBeNull();
    await act(async () => { release(); await held; });
    await screen.findByTestId('calendar-year-2026');
    await waitFor(() => expect(screen.getByTestId('calendar-add').textContent).toContain('2027'));
  });
});
