/**
 * Deleting a client in Chromium (issue 15, item 9): the dialog says where copies remain, 同时从所有备份中清除 rewrites
 * every backup, the result is reported, and afterwards no file in the data folder holds the client's name or ID number.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { POLL, screenshot, startApp, type App, ok } from './harness';
import { sampleClient } from '../helpers/data';

/** Files under `dir` whose bytes contain `needle` (UTF-8). */
function filesContaining(dir: string, needle: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const f = path.join(e.parentPath, e.name);
    if (e.isFile() && fs.readFileSync(f).includes(Buffer.from(needle))) out.push(path.relative(dir, f));
  }
  return out;
}

const NAME = '太原唯一删除端到端科技有限公司';
const ID_NUMBER = '140105199001011238';

describe('deleting a client, end to end', () => {
  let app: App | null = null;
  afterEach(async () => { await app?.close(); app = null; });

  it('says where copies remain, purges them on request and reports the count; nothing is left in the data folder', async () => {
    app = await startApp({ now: '2026-11-27T02:00:00Z' });
    const { page } = app;
    await ok(app.ctx, 'clients.create', { client: sampleClient(1) as never });
    const { client } = await ok(app.ctx, 'clients.create', { client: { name: NAME, uscc: '91140106MA1QN6K440', city: '太原市', legalRepIdNumber: ID_NUMBER } as never });
    await ok(app.ctx, 'backup.create', {});
    await ok(app.ctx, 'backup.create', {});
    expect(filesContaining(app.dataDir, NAME).length).toBeGreaterThanOrEqual(2);

    await page.goto(`${app.host.url}#/clients/${client.id}`);
    await page.getByTestId('client-delete').click();
    await expect.poll(() => page.getByTestId('delete-copies').innerText(), POLL).toContain('现有 2 个备份文件');
    await page.getByTestId('delete-purge').click();
    await screenshot(page, 'delete-client-purge');
    await page.getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('delete-result').innerText(), POLL).toContain('已检查 2 个副本，从其中 2 个中清除了该客户');
    await page.getByTestId('delete-done').click();
    await expect.poll(() => page.url(), POLL).toMatch(/#\/clients$/);

    for (const needle of [NAME, ID_NUMBER]) expect(filesContaining(app.dataDir, needle), needle).toEqual([]);
    // The other client is still in the database and in both backups.
    expect(filesContaining(app.dataDir, sampleClient(1).name).length).toBeGreaterThanOrEqual(3);
  });
});
