import { describe, expect, it, vi } from 'vitest';
import { testContext } from '../helpers/context';
import { handleInvoke, registerIpc, API_CHANNEL } from '../../electron/ipc';
import { contract, METHODS } from '../../shared/contract';
import { METHOD_NAMES } from '../../shared/method-names';
import { handlers } from '../../db/service/index';
import { SCHEMA_VERSION } from '../../db/migrations/index';

vi.mock('electron', () => ({}));

const appFrame = { senderFrame: { url: 'app://icpdesk/index.html' } } as never;

describe('IPC dispatch', () => {
  it('every contract method has a handler, and the preload list equals the contract', () => {
    expect(Object.keys(handlers).sort()).toEqual(METHODS.slice().sort());
    expect([...METHOD_NAMES].sort()).toEqual(Object.keys(contract).sort());
  });

  it('refuses unknown methods, including prototype keys', async () => {
    const ctx = testContext();
    for (const m of ['clients.drop', '__proto__', 'constructor', 'toString', 42]) {
      const r = await handleInvoke(ctx, appFrame, m, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
  });

  it('refuses invalid input with VALIDATION naming the field, and writes nothing', async () => {
    const ctx = testContext();
    const r = await handleInvoke(ctx, appFrame, 'notes.create', { clientId: 'x', date: '2026-02-30', body: 'a' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.details?.fields?.map((f) => f.path).sort()).toEqual(['clientId', 'date']);
    expect((ctx.db.prepare('SELECT count(*) n FROM notes').get() as { n: number }).n).toBe(0);
  });

  it('refuses a foreign sender frame (FORBIDDEN) before touching the service', async () => {
    const ctx = testContext();
    for (const url of ['https://evil.example/', 'file:///C:/x.html', 'app://other/index.html', '']) {
      const r = await handleInvoke(ctx, { senderFrame: { url } } as never, 'clients.create', { client: { name: '某某公司', uscc: '91140106MA1QN6K440', city: '太原市' } });
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect((ctx.db.prepare('SELECT count(*) n FROM clients').get() as { n: number }).n).toBe(0);
  });

  it('registerIpc wires one channel to the dispatcher', async () => {
    const ctx = testContext();
    const handle = vi.fn();
    registerIpc({ handle } as never, ctx);
    expect(handle).toHaveBeenCalledWith(API_CHANNEL, expect.any(Function));
    const fn = handle.mock.calls[0][1];
    const r = await fn(appFrame, 'app.info', {});
    expect(r).toMatchObject({ ok: true, value: { schemaVersion: SCHEMA_VERSION, today: '2026-11-27' } });
  });
});
