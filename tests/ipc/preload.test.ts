import { describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { METHOD_NAMES } from '../../shared/method-names';
import { CONTENT_SECURITY_POLICY } from '../../electron/csp';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async () => ({ ok: true, value: 1 }));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => { exposed[key] = value; } },
  ipcRenderer: { invoke },
}));

describe('preload (fake electron)', () => {
  it('exposes one function per contract method and the two host functions, never ipcRenderer', async () => {
    await import('../../electron/preload');
    expect(Object.keys(exposed).sort()).toEqual(['icpdesk', 'icpdeskHost']);
    const api = (exposed.icpdesk as { api: Record<string, unknown> }).api;
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES].sort());
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(exposed.icpdeskHost as object).sort()).toEqual(['copyText', 'printRoute', 'saveFile']);
    const serialized = JSON.stringify(Object.keys(exposed.icpdesk as object));
    expect(serialized).not.toMatch(/ipcRenderer|invoke|send|on/);
    await (api['clients.get'] as (i: unknown) => Promise<unknown>)({ id: 1 });
    expect(invoke).toHaveBeenCalledWith('api', 'clients.get', { id: 1 });
  });

  it('the page carries the same CSP as the hosts send', () => {
    const html = fs.readFileSync(path.resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
  });
});
