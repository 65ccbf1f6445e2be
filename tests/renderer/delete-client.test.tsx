/** The delete-client dialog (issue 15, item 9): truthful about copies, purge option sent, counts reported. */
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import type { Envelope, Method } from '../../shared/contract';
import { setTransport } from '../../renderer/src/api';
import { DeleteClientDialog } from '../../renderer/src/pages/client/DeleteClientDialog';
import i18n from '../../renderer/src/i18n/index';

const backup = { name: 'icp-desk-20261127-100000-manual.sqlite', kind: 'manual', createdAt: '2026-11-27T02:00:00.000Z', size: 1, clients: 3, schemaVersion: 60, ok: true };

function fakeApi(remove: unknown) {
  const calls: Array<[Method, unknown]> = [];
  setTransport(async (method, input): Promise<Envelope<unknown>> => {
    calls.push([method, input]);
    if (method === 'backup.list') return { ok: true, value: [backup, { ...backup, name: 'icp-desk-20261126-100000-daily.sqlite', kind: 'daily' }, { ...backup, name: 'icp-desk-20261125-100000-daily.sqlite', kind: 'daily' }] };
    if (method === 'clients.remove') return { ok: true, value: remove };
    return { ok: false, error: { code: 'INTERNAL', message: `unexpected ${method}` } };
  });
  return calls;
}

describe('deleting a client (dialog)', () => {
  it('says where copies remain, purges on request and reports counts and the files it could not clean', async () => {
    const calls = fakeApi({ ok: true, purge: { checked: 4, cleaned: 3, failed: ['icp-desk.sqlite.corrupt-20261120-100000'] } });
    const onDeleted = vi.fn();
    render(<DeleteClientDialog open clientId={7} name="太原晋祠兴旅游服务有限公司" materials={17} notes={2} onClose={() => undefined} onDeleted={onDeleted} />);
    expect(await screen.findByText(/现有 3 个备份文件/)).toBeTruthy();
    expect(screen.getByTestId('delete-copies').textContent).toMatch(/\.corrupt-\*[\s\S]*最长约一年[\s\S]*导出、打印或另存的文件/);
    fireEvent.click(screen.getByLabelText('同时从所有备份中清除'));
    fireEvent.click(screen.getByTestId('confirm-ok'));
    const result = await screen.findByTestId('delete-result');
    expect(result.textContent).toContain('已检查 4 个副本，从其中 3 个中清除了该客户');
    expect(result.textContent).toContain('icp-desk.sqlite.corrupt-20261120-100000');
    expect(calls.find(([m]) => m === 'clients.remove')?.[1]).toEqual({ id: 7, purgeBackups: true });
    expect(onDeleted).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('delete-done'));
    expect(onDeleted).toHaveBeenCalledOnce();
  });

  it('without the purge it deletes and leaves at once; English is complete', async () => {
    await i18n.changeLanguage('en');
    try {
      const calls = fakeApi({ ok: true, purge: null });
      const onDeleted = vi.fn();
      render(<DeleteClientDialog open clientId={7} name="A" materials={17} notes={2} onClose={() => undefined} onDeleted={onDeleted} />);
      expect(await screen.findByText(/3 backup files in the data folder/)).toBeTruthy();
      fireEvent.click(screen.getByTestId('confirm-ok'));
      await vi.waitFor(() => expect(onDeleted).toHaveBeenCalledOnce());
      expect(calls.find(([m]) => m === 'clients.remove')?.[1]).toEqual({ id: 7, purgeBackups: false });
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });
});
