/**
 * `npm run start:web`: serves the built renderer and the API on 127.0.0.1 and prints the address to open.
 * Env: ICPDESK_DATA_DIR (data folder), ICPDESK_PORT (default 5178; 0 = any free port), ICPDESK_NOW (fixed clock).
 */
import path from 'node:path';
import { clockFromEnv, closeHostContext, openHostContext, resolveDataDir } from './host-context';
import { startWebHost } from './web-host';
import { APP_VERSION } from './version';
import fs from 'node:fs';
import { installFileLog } from './log';

async function main() {
  const dataDir = resolveDataDir();
  fs.mkdirSync(dataDir, { recursive: true });
  installFileLog(dataDir);
  const ctx = await openHostContext({ dataDir, version: APP_VERSION, now: clockFromEnv() });
  const rendererDir = path.resolve(import.meta.dirname ?? __dirname, '..', 'renderer');
  const port = Number(process.env.ICPDESK_PORT ?? 5178);
  const host = await startWebHost({ ctx, rendererDir, port });
  console.log(`许可通 ICP Desk（浏览器模式）已启动：${host.url}`);
  console.log(`数据目录 / data folder: ${dataDir}`);
  if (ctx.health?.state === 'recovery') console.log('数据库文件已损坏并已改名保存；请在浏览器中打开恢复页面。 The database was damaged and set aside: open the app to recover.');
  if (ctx.health?.state === 'newer') console.log('数据由更新版本创建，未打开。 The data is from a newer version and was not opened.');
  console.log('在浏览器中打开上面的地址；按 Ctrl+C 停止。 Open the address above in a browser; Ctrl+C stops.');
  // ctx.db is read at stop time: a restore swaps it.
  const stop = () => host.close().then(() => { closeHostContext(ctx); process.exit(0); });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error('许可通无法启动 / cannot start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
