import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Envelope, Method } from '../../shared/contract';
import type { BackupInfo, BackupPreview, DataStatus } from '../../shared/contracts/backup';
import { setTransport } from '../../renderer/src/api';
import { DataFolderCard } from '../../renderer/src/pages/settings/DataFolderCard';
import { DataBackupSection } from '../../renderer/src/pages/settings/DataBackupSection';
import { useBackupStore } from '../../renderer/src/stores/backup-store';

const status = (over: Partial<DataStatus> = {}): DataStatus => ({
  state: 'ok', dataDir: 'C:\\Users\\李\\OneDrive\\ICPDesk', dbPath: 'C:\\Users\\李\\OneDrive\\ICPDesk\\icp-desk.sqlite',
  backupsDir: 'C:\\Users\\李\\OneDrive\\ICPDesk\\backups', folderWarning: null, recovery: null, newer: null, ...over,
});
const backup: BackupInfo = { name: 'icp-desk-20261127-100000-manual.sqlite', kind: 'manual', createdAt: '2026-11-27T02:00:00.000Z', size: 237_568, clients: 33, schemaVersion: 10, ok: true };
const preview: BackupPreview = { source: backup.name, createdAt: backup.createdAt, size: backup.size, schemaVersion: 10, needsUpgrade: false, clients: 33, notes: 2, materials: 561, events: 70, lastChange: '2026-11-27T01:59:00.000Z' };

function fakeApi(values: Partial<Record<Method, unknown>>) {
  const calls: Method[] = [];
  setTransport(async (method): Promise<Envelope<unknown>> => {
    calls.push(method);
    return method in values ? { ok: true, value: values[method] } : { ok: false, error: { code: 'INTERNAL', message: `unexpected ${method}` } };
  });
  return calls;
}

describe('数据与备份', () => {
  it('warns about a cloud-sync or network data folder and recommends a local one', () => {
    const { rerender } = render(<DataFolderCard status={status({ folderWarning: { kind: 'cloud', detail: 'OneDrive' } })} />);
    expect(screen.getByTestId('folder-warning').textContent).toMatch(/位于 OneDrive 的同步文件夹中[\s\S]*建议把数据文件夹放在本机/);
    rerender(<DataFolderCard status={status({ folderWarning: { kind: 'network', reason: 'unc', detail: '\\\\nas\\共享' } })} />);
    expect(screen.getByTestId('folder-warning').textContent).toMatch(/网络共享 \\\\nas\\共享[\s\S]*本机磁盘/);
    rerender(<DataFolderCard status={status()} />);
    expect(screen.queryByTestId('folder-warning')).toBeNull();
  });

  it('lists backups with time (China), kind, size and client count; 恢复 shows the preview before anything is restored', async () => {
    useBackupStore.setState({ status: null, backups: [], pending: null, op: null, notice: null });
    const calls = fakeApi({ 'backup.status': status(), 'backup.list': [backup], 'backup.preview': preview });
    render(<DataBackupSection />);
    const row = await screen.findByTestId('backup-row');
    expect(row.textContent).toMatch(/2026-11-27 10:00.*手动.*232\.0 KB.*33/);
    fireEvent.click(within(row).getByTestId('backup-restore'));
    const dialog = await screen.findByTestId('restore-preview');
    expect(dialog.textContent).toMatch(/客户33.*进度记录2.*材料项561.*最后修改2026-11-27 09:59/);
    expect(screen.getByTestId('restore-dialog').textContent).toMatch(/恢复前会自动备份当前数据/);
    await waitFor(() => expect(calls.filter((c) => c.startsWith('backup.'))).toEqual(['backup.status', 'backup.list', 'backup.preview']));
    expect(calls).not.toContain('backup.restore');
  });
});
