/**
 * Builds the migration fixture of the CURRENT schema version: `tests/fixtures/db/v<SCHEMA_VERSION>.sqlite`, a small
 * database written through the real service (clients in several cities and stages, material statuses, checks,
 * notes and due dates, notes edited and removed, a client updated and one removed) with a fixed clock, sealed as
 * one file (journal_mode=DELETE, VACUUM).
 *
 * Run it once per released schema version, when the version is released, and commit the file: released fixtures are
 * never rebuilt (the script refuses to overwrite one unless `--force`), so tests/db/migrations.test.ts keeps proving
 * that every released version's data migrates to the newest schema.
 *
 *   node --import tsx scripts/build-db-fixture.ts [--force] [--out <folder>]
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../db/open';
import { SCHEMA_VERSION } from '../db/migrations/index';
import { handlers } from '../db/service/index';
import type { ServiceContext } from '../db/service/context';
import type { In, Method, Out } from '../shared/contract';
import { contract } from '../shared/contract';
import { CITIES } from '../shared/domain/cities';
import { usccCheckChar } from '../shared/domain/uscc';

const args = process.argv.slice(2);
const force = args.includes('--force');
const outDir = args.includes('--out') ? path.resolve(args[args.indexOf('--out') + 1]) : path.resolve(import.meta.dirname, '../tests/fixtures/db');
const file = path.join(outDir, `v${SCHEMA_VERSION}.sqlite`);
if (fs.existsSync(file) && !force) {
  console.error(`${file} exists: released fixtures are not rebuilt (use --force only before the version is released).`);
  process.exit(1);
}
fs.mkdirSync(outDir, { recursive: true });
// Built beside the target and renamed at the end, so a failed run leaves no half-built fixture.
const building = `${file}.building`;
for (const f of [building, `${building}-wal`, `${building}-shm`]) fs.rmSync(f, { force: true });

// The clock starts on 2026-03-04 (China): the notes below are dated up to that day, and a recorded date may not be
// later than today (date_not_yet).
let t = Date.parse('2026-03-04T01:00:00Z');
const db = openDatabase(building);
const ctx: ServiceContext = { db, dbPath: building, dataDir: outDir, version: 'fixture', now: () => new Date((t += 60_000)) };

/** Runs a contract method through its schema and handler (like dispatch, without the envelope). */
async function run<M extends Method>(m: M, input: In<M>): Promise<Out<M>> {
  const parsed = contract[m].input.parse(input);
  return (await (handlers[m] as (c: ServiceContext, i: unknown) => unknown)(ctx, parsed)) as Out<M>;
}

const uscc = (cityCode: string, i: number) => {
  const first17 = `91${cityCode}00MA${String(700 + i).padStart(7, '0')}`;
  return first17 + usccCheckChar(first17)!;
};

const STAGES = ['consultation', 'materials', 'pre_application', 'formal_submission', 'site_inspection', 'issuance', 'aftercare'] as const;
const ids: number[] = [];
for (let i = 0; i < 12; i++) {
  const city = CITIES[i % CITIES.length];
  const { client } = await run('clients.create', {
    client: {
      name: `${city.short}样例网络科技有限公司${i + 1}`,
      uscc: uscc(city.code, i),
      city: city.name,
      district: i % 2 ? '小店区' : null,
      address: `${city.name}样例路${i + 1}号`,
      industry: (['电商交易', '工业互联网', '农产品服务', '文旅服务', '其他'] as const)[i % 5],
      platformName: `样例平台${i + 1}`,
      domain: `example${i + 1}.cn`,
      legalRep: '张样例',
      contactName: '李联系',
      contactPhone: `1380000${String(i).padStart(4, '0')}`,
      capitalYuan: 1_000_000 + i * 10_000,
      founded: '2020-05-18',
      officeAreaM2: 80.5 + i,
      insuredStaff: 5 + i,
      consultant: i % 2 ? '白顾问' : '赵顾问',
      remark: i === 0 ? '含特殊字符：‘引号’ "双引号" \\ 反斜杠 😀' : null,
    },
    stage: STAGES[i % STAGES.length],
  });
  ids.push(client.id);
}
for (const [n, id] of ids.entries()) {
  const mats = await run('materials.list', { clientId: id });
  for (const m of mats.slice(0, n % 6)) await run('materials.setStatus', { id: m.id, status: 'received' });
  if (n % 3 === 0) {
    await run('materials.setChecks', { id: mats[0].id, checkComplete: true, checkAccurate: true, checkLegible: n % 2 === 0 });
    await run('materials.update', { id: mats[1].id, note: '原件待补', dueDate: '2026-03-20' });
  }
  const note = await run('notes.create', { clientId: id, date: '2026-03-02', body: `第${n + 1}家：初次沟通，已发材料清单` });
  if (n % 4 === 0) await run('notes.update', { id: note.id, date: '2026-03-03', body: `第${n + 1}家：初次沟通（已更正日期）` });
  if (n % 5 === 0) {
    const extra = await run('notes.create', { clientId: id, date: '2026-03-04', body: '临时记录' });
    await run('notes.remove', { id: extra.id });
  }
}
await run('clients.setStage', { id: ids[1], stage: 'pre_application', date: '2026-03-02' });
const c2 = await run('clients.get', { id: ids[2] });
const { id: _id, stage: _s, stageSince: _ss, usccValid: _u, archived: _a, materialsDone: _md, materialsTotal: _mt, lastNoteDate: _l, createdAt: _c, updatedAt: _up, ...editable } = c2;
await run('clients.update', { id: ids[2], client: { ...editable, contactPhone: '13900000000', remark: '电话已更新' } });
await run('clients.remove', { id: ids[11] });

db.pragma('journal_mode = DELETE');
db.exec('VACUUM');
const counts = Object.fromEntries(['clients', 'materials', 'notes', 'events'].map((x) => [x, (db.prepare(`SELECT count(*) AS n FROM ${x}`).get() as { n: number }).n]));
db.close();
// Never leave -wal / -shm of an earlier file beside the new one: SQLite would apply them to it.
for (const f of [`${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
fs.renameSync(building, file);
console.log(`wrote ${path.relative(process.cwd(), file)} (schema ${SCHEMA_VERSION}):`, counts);
