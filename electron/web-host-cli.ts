/**
 * `npm run start:web`: serves the built renderer and the API on 127.0.0.1 and prints the address to open.
 * Env: ICPDESK_DATA_DIR (data folder), ICPDESK_PORT (default 5178; 0 = any free port), ICPDESK_NOW (fixed clock).
 */
import path from 'node:path';
import { clockFromEnv, closeHostContext, openHostContext, resolveDataDir } from './host-context';
import { startWebHost } from './web-host';
import { APP_VERSION } from './version';
import { makePrivateDir, restrictUmask } from '../db/backup/private-files';
import { installFileLog } from './log';

async function main() {
  // Everything the app creates (data folder, backups) is private to this user (db/backup/private-files.ts).
  restrictUmask();
  const dataDir = resolveDataDir();
  makePrivateDir(dataDir);
  installFileLog(dataDir);
  const ctx = await openHostContext({ dataDir, version: APP_VERSION, now: clockFromEnv() });
  const rendererDir = path.resolve(import.meta.dirname ?? __dirname, '..', 'renderer');
  const port = Number(process.env.ICPDESK_PORT ?? 5178);
  const host = await startWebHost({ ctx, rendererDir, port });
  console.log(`许可通 ICP Desk（浏览器模式）已启动。请在浏览器中打开（仅限一次）/ Open once in a browser:\n  ${host.launchUrl}`);
  console.log(`数据目录 / data folder: ${dataDir}`);
  if (ctx.health?.state === 'recovery') console.log('数据库文件已损坏并已改名保存；请在浏览器中打开恢复页面。 The database was damaged and set aside: open the app to recover.');
  if (ctx.health?.state === 'newer') console.log('数据由更新版本创建，未打开。 The data is from a newer version and was not opened.');
  console.log('该地址只能打开一次，打开后浏览器凭会话 Cookie 使用本程序；请勿分享。按 Ctrl+C 停止。');
  console.log('The address works once: it signs this browser in with a session cookie. Do not share it. Ctrl+C stops.');
  // ctx.db is read at stop time: a restore swaps it.
  const stop = () => host.close().then(() => { closeHostContext(ctx); process.exit(0); });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error('许可通无法启动 / cannot start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
