import { describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { METHOD_NAMES } from '../../shared/method-names';
import { META_CONTENT_SECURITY_POLICY } from '../../electron/csp';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async () => ({ ok: true, value: 1 }));
const listeners = new Map<string, ((e: unknown, m: unknown) => void)[]>();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => { exposed[key] = value; } },
  ipcRenderer: {
    invoke,
    on: (ch: string, fn: (e: unknown, m: unknown) => void) => { listeners.set(ch, [...(listeners.get(ch) ?? []), fn]); },
    removeListener: (ch: string, fn: (e: unknown, m: unknown) => void) => { listeners.set(ch, (listeners.get(ch) ?? []).filter((x) => x !== fn)); },
  },
}));

describe('preload (fake electron)', () => {
  it('exposes one function per contract method and the two host functions, never ipcRenderer', async () => {
    await import('../../electron/preload');
    expect(Object.keys(exposed).sort()).toEqual(['icpdesk', 'icpdeskHost']);
    const api = (exposed.icpdesk as { api: Record<string, unknown> }).api;
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES].sort());
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(exposed.icpdeskHost as object).sort()).toEqual(['attachFile', 'copyText', 'notify', 'onCommand', 'openAttachment', 'pickAttachments', 'printRoute', 'saveFile', 'savePackage', 'setLanguage']);
    const serialized = JSON.stringify(Object.keys(exposed.icpdesk as object));
    expect(serialized).not.toMatch(/ipcRenderer|invoke|send|on/);
    await (api['clients.get'] as (i: unknown) => Promise<unknown>)({ id: 1 });
    expect(invoke).toHaveBeenCalledWith('api', 'clients.get', { id: 1 });
  });

  it('forwarded commands reach the page without the IPC event (which holds the sender), and unsubscribe', async () => {
    await import('../../electron/preload');
    const host = exposed.icpdeskHost as { onCommand(h: (...a: unknown[]) => void): () => void; notify(i: unknown): Promise<unknown> };
    const got: unknown[][] = [];
    const off = host.onCommand((...a) => got.push(a));
    for (const l of listeners.get('command') ?? []) l({ sender: 'secret' }, { kind: 'command', name: 'print' });
    expect(got).toEqual([[{ kind: 'command', name: 'print' }]]);
    off();
    expect(listeners.get('command')).toEqual([]);
    await host.notify({ title: 't', body: 'b', tag: 'x' });
    expect(invoke).toHaveBeenCalledWith('desktop', 'notify', { title: 't', body: 'b', tag: 'x' });
  });

  it('the page carries the same CSP as the hosts send', () => {
    const html = fs.readFileSync(path.resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(META_CONTENT_SECURITY_POLICY);
  });
});
