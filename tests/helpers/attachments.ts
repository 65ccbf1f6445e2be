import fs from 'node:fs';
import { afterEach } from 'vitest';
import { dispatch } from '../../db/dispatch';
import { openHostContext } from '../../electron/host-context';
import type { ServiceContext } from '../../db/service/context';
import type { In, Method, Out } from '../../shared/contract';
import { testTempDir } from './temp-dirs';

/** Calls a method through the real dispatcher and returns its value (fails on an error envelope; output not re-parsed). */
export async function call<M extends Method>(ctx: ServiceContext, m: M, input: In<M>): Promise<Out<M>> {
  const r = await dispatch(ctx, m, input);
  if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
  return r.value as Out<M>;
}

/**
 * The attachment tests' set-up: a fresh data folder opened as the app opens it (openHostContext, so files are stored
 * on disk), the clock at 2026-11-27T02:00Z (Friday 10:00 China), one client 太原晋祠兴旅游服务有限公司 with its 17
 * checklist items. Registers an afterEach that closes every context and removes every folder it made; call it once
 * inside the describe block. `setUp()` per test; `reopen(ctx)` closes a context and opens its folder again (a restart).
 */
export function attachmentFixture(prefix = 'icpdesk-att-') {
  const dirs: string[] = [];
  const ctxs: ServiceContext[] = [];
  afterEach(() => {
    for (const c of ctxs.splice(0)) c.db.close();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const open = async (dataDir: string) => {
    const ctx = await openHostContext({ dataDir, version: 'test', now: () => new Date('2026-11-27T02:00:00Z') });
    ctxs.push(ctx);
    return ctx;
  };
  const reopen = async (ctx: ServiceContext) => {
    ctx.db.close();
    ctxs.splice(ctxs.indexOf(ctx), 1);
    return open(ctx.dataDir);
  };
  const setUp = async () => {
    const dataDir = testTempDir(prefix);
    dirs.push(dataDir);
    const ctx = await open(dataDir);
    const client = (await call(ctx, 'clients.create', { client: { name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市' } })).client;
    const materials = await call(ctx, 'materials.list', { clientId: client.id });
    return { ctx, dataDir, client, materials };
  };
  return { setUp, reopen };
}
