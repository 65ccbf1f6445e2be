import { describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { registerHostIpc, safeFileName } from '../../electron/host-ipc';

vi.mock('electron', () => ({}));

const app = { senderFrame: { url: 'app://icpdesk/index.html' } };

function setup(savePath: string | null) {
  let handler: ((e: unknown, c: unknown, i: unknown) => Promise<string | null>) | null = null;
  const win = {
    loadURL: vi.fn(async () => undefined),
    webContents: {
      executeJavaScript: vi.fn(async () => true),
      printToPDF: vi.fn(async () => Buffer.from('%PDF-1.7 fake')),
      print: vi.fn((_o: unknown, cb: (ok: boolean) => void) => cb(false)),
    },
    destroy: vi.fn(),
  };
  const dialog = { showSaveDialog: vi.fn(async () => (savePath ? { canceled: false, filePath: savePath } : { canceled: true, filePath: undefined })) };
  registerHostIpc({ handle: (_c: string, fn: never) => { handler = fn; } } as never, { dialog: dialog as never, createHiddenWindow: () => win as never, preloadPath: '/p', parent: () => null });
  return { handler: handler!, win, dialog };
}

describe('host IPC (fake electron)', () => {
  it('saves a file through the save dialog; cancelling writes nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostipc-'));
    const target = path.join(dir, 'x.xlsx');
    const { handler } = setup(target);
    expect(await handler(app, 'saveFile', { fileName: '周报 2026/W48.xlsx', base64: Buffer.from('abc').toString('base64') })).toBe(target);
    expect(fs.readFileSync(target, 'utf8')).toBe('abc');
    const cancelled = setup(null);
    expect(await cancelled.handler(app, 'saveFile', { fileName: 'a.xlsx', base64: 'YQ==' })).toBeNull();
  });

  it('prints a print route to PDF in a hidden window, destroys it, and a cancelled print dialog leaves no window', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostipc-'));
    const { handler, win } = setup(path.join(dir, 'prep.pdf'));
    const out = await handler(app, 'printRoute', { hash: '#/print/inspection?ids=1,2', pdf: true, fileName: '核查准备单' });
    expect(win.loadURL).toHaveBeenCalledWith('app://icpdesk/index.html#/print/inspection?ids=1,2');
    expect(fs.readFileSync(out!, 'utf8')).toContain('%PDF');
    expect(win.destroy).toHaveBeenCalled();
    const p = setup(null);
    expect(await p.handler(app, 'printRoute', { hash: '#/print/inspection?ids=1', pdf: false, fileName: 'x' })).toBeNull();
    expect(p.win.webContents.print).toHaveBeenCalled();
    expect(p.win.destroy).toHaveBeenCalled();
  });

  it('refuses foreign senders, non-print routes and unknown commands, each for its own reason, opening nothing', async () => {
    const { handler, win, dialog } = setup('/tmp/x');
    for (const url of ['https://evil.example/', 'app://icpdesk.evil/index.html', 'app://icpdesk@evil/index.html', 'app://ICPDESK/index.html', 'app://icpdesk./index.html']) {
      await expect(handler({ senderFrame: { url } }, 'saveFile', { fileName: 'a', base64: '' }), url).rejects.toThrow('forbidden sender');
      await expect(handler({ senderFrame: { url } }, 'printRoute', { hash: '#/print/inspection?ids=1', pdf: true, fileName: 'x' }), url).rejects.toThrow('forbidden sender');
    }
    await expect(handler({ senderFrame: null }, 'saveFile', { fileName: 'a', base64: '' })).rejects.toThrow('forbidden sender');
    const hashIssue = { name: 'ZodError', issues: [expect.objectContaining({ path: ['hash'] })] };
    for (const hash of ['javascript:alert(1)', '#/clients', '#/print', 'https://evil.example/#/print/x', '#/print/x"onload']) {
      await expect(handler(app, 'printRoute', { hash, pdf: true, fileName: 'x' }), hash).rejects.toMatchObject(hashIssue);
    }
    await expect(handler(app, 'rm', {})).rejects.toThrow('unknown host command');
    await expect(handler(app, 'constructor', {})).rejects.toThrow('unknown host command');
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(win.loadURL).not.toHaveBeenCalled();
    expect(safeFileName('a/b:c*?.pdf')).toBe('a_b_c__.pdf');
  });
});
