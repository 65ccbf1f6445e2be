/**
 * Issue 13 §3, the services coded last: in the English UI, errors from the real dispatcher (not hand-made payloads)
 * show in English — the licence dialog's "number already held" and a restore file that is not a database.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import i18n from '../../renderer/src/i18n/index';
import { setTransport } from '../../renderer/src/api';
import { dispatch } from '../../db/dispatch';
import { LicenceDialog } from '../../renderer/src/pages/client/LicenceDialog';
import { useClientDeadlinesStore } from '../../renderer/src/stores/client-deadlines-store';
import { useBackupStore } from '../../renderer/src/stores/backup-store';
import { testContext } from '../helpers/context';
import { makeUscc, ok } from '../helpers/call';
import { tmpDir } from '../helpers/data';

const HAN_SENTENCE = /[\u4e00-\u9fff]{2,}[，。；：]/;

beforeEach(async () => {
  await i18n.changeLanguage('en');
});
afterEach(async () => {
  setTransport(null);
  await i18n.changeLanguage('zh-CN');
});

describe('English UI, errors from the real services', () => {
  it('the licence dialog says in English that the number belongs to another client', async () => {
    const ctx = testContext('2026-12-01T02:00:00.000Z');
    const holder = (await ok(ctx, 'clients.create', { client: { name: '晋中甲网络科技有限公司', uscc: makeUscc(), city: '晋中市' } })).client;
    const other = (await ok(ctx, 'clients.create', { client: { name: '晋中乙网络科技有限公司', uscc: makeUscc(), city: '晋中市' } })).client;
    await ok(ctx, 'licence.set', { clientId: holder.id, number: '晋B2-20230042', issuedOn: '2023-03-01' });
    setTransport((m, input) => dispatch(ctx, m, input));
    await act(async () => useClientDeadlinesStore.getState().load(other.id, 'aftercare'));
    render(<LicenceDialog open initial={null} onClose={vi.fn()} />);
    fireEvent.change(screen.getByTestId('licence-number'), { target: { value: '晋B2-20230042' } });
    fireEvent.change(screen.getByTestId('licence-issued'), { target: { value: '2023-03-01' } });
    await act(async () => fireEvent.click(screen.getByTestId('licence-save')));
    const dialog = screen.getByTestId('licence-dialog');
    await waitFor(() => expect(dialog.textContent).toContain('Licence number 晋B2-20230042 is already recorded for the client “晋中甲网络科技有限公司”; a licence number belongs to one client only'));
    expect(dialog.textContent).not.toContain('已登记在客户');
    // A malformed number is judged as it is typed, in English too.
    fireEvent.change(screen.getByTestId('licence-number'), { target: { value: '晋B2-2023004' } });
    expect(dialog.textContent).toContain('A licence number reads 晋B2-YYYYNNNN or 晋B2-YYYYNNNN-N');
    expect(dialog.textContent).not.toMatch(HAN_SENTENCE);
  });

  it('a restore file that is not a database is refused in English', async () => {
    const ctx = { ...testContext(), dataDir: tmpDir() };
    setTransport((m, input) => dispatch(ctx, m, input));
    const file = new File(['客户台账\n'.repeat(200)], '台账.db');
    await act(async () => useBackupStore.getState().previewFile(file));
    expect(useBackupStore.getState().pending?.error).toBe('This is not an ICP Desk database file (not an SQLite database)');
  });
});
