import { describe, expect, it, vi } from 'vitest';
import { testContext } from '../helpers/context';
import { handleInvoke, registerIpc, API_CHANNEL } from '../../electron/ipc';
import { contract, METHODS } from '../../shared/contract';
import { METHOD_NAMES } from '../../shared/method-names';
import { handlers } from '../../db/service/index';
import { SCHEMA_VERSION } from '../../db/migrations/index';
import { LOOK_ALIKE_SENDERS } from './look-alikes';

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
    for (const url of [...LOOK_ALIKE_SENDERS, 'https://evil.example/', 'file:///C:/x.html', 'app://other/index.html', '']) {
      const r = await handleInvoke(ctx, { senderFrame: { url } } as never, 'clients.create', { client: { name: '某某公司', uscc: '91140106MA1QN6K440', city: '太原市' } });
      expect(r, url).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自非本应用页面的请求', key: 'forbidden_origin', params: {} } });
    }
    expect((ctx.db.prepare('SELECT count(*) n FROM clients').get() as { n: number }).n).toBe(0);
  });

  it('a missing sender frame is refused; any page of the app origin is accepted', async () => {
    const ctx = testContext();
    for (const event of [{}, { senderFrame: null }, { senderFrame: { url: undefined } }]) {
      expect(await handleInvoke(ctx, event as never, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    for (const url of ['app://icpdesk/index.html', 'app://icpdesk/', 'app://icpdesk/index.html#/clients/3', 'app://icpdesk/print.html?x=1']) {
      expect(await handleInvoke(ctx, { senderFrame: { url } } as never, 'app.info', {}), url).toMatchObject({ ok: true });
    }
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

describe('logging', () => {
  it('an unexpected error is logged without the ID or phone numbers it carried, and answered as INTERNAL', async () => {
    const ctx = testContext();
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const original = handlers['clients.get'];
    (handlers as Record<string, unknown>)['clients.get'] = () => { throw new Error('bad row 140105199001011238 phone 15226771482'); };
    try {
      const r = await handleInvoke(ctx, appFrame, 'clients.get', { id: 1 });
      expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      const logged = spy.mock.calls.flat().join(' ');
      expect(logged).toContain('clients.get');
      expect(logged).not.toMatch(/140105199001011238|15226771482/);
      if (!r.ok) expect(r.error.message).not.toMatch(/140105199001011238|15226771482/);
    } finally {
      (handlers as Record<string, unknown>)['clients.get'] = original;
      spy.mockRestore();
    }
  });
});
