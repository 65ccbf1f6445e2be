/**
 * The import case: a 5,000-row client spreadsheet (xlsx, made with exceljs like a consultant's register, with a few
 * wrong check characters and rows already in the register) previewed and committed through the service, beside the
 * bare inserts the commit runs (same statements, prepared, rolled back).
 */
import ExcelJS from 'exceljs';
import type Database from 'better-sqlite3';
import { dispatch } from '../db/dispatch';
import { withDeferredSearchIndex } from '../db/search/bulk';
import type { ServiceContext } from '../db/service/context';
import type { ImportPreview } from '../shared/contract';
import { CITIES } from '../shared/domain/cities';
import { INDUSTRIES } from '../shared/domain/industries';
import { makeUscc, type Rng } from './generate';
import type { CaseResult } from './service-cases';
import { TARGETS } from './service-cases';
import { summarize } from './stats';
import * as V from './vocab';
import { storedKind } from '../db/service/event-columns';
import { STORED_ON_SQL_0190, STORED_VALUE_SQL_0190 } from '../db/migrations/0190-compact-codes';

const HEADERS = ['序号', '公司名称', '统一社会信用代码', '所在城市', '区县', '地址', '行业类型', '平台名称', '网站域名', '法定代表人', '联系人', '联系电话', '注册资本（万元）', '成立日期', '办公面积', '社保人数', '办理阶段', '负责顾问', '备注'];

/**
 * An xlsx file of `rows` clients whose USCC serials start at `serial` (distinct from the generated register's),
 * about 1 % with a wrong check character and 1 % repeating a client of the register (`existingUscc`).
 */
export async function makeImportXlsx(rows: number, serial: number, r: Rng, existingUscc: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('客户台账');
  ws.addRow(HEADERS);
  for (let i = 0; i < rows; i++) {
    const city = r.pick(CITIES);
    let uscc = makeUscc(city.code, r.int(1, 30), serial + i, r);
    if (r.chance(0.01)) uscc = uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0');
    else if (r.chance(0.01) && existingUscc.length) uscc = r.pick(existingUscc);
    const brand = r.pick(V.BRANDS);
    const industry = r.pick(INDUSTRIES);
    ws.addRow([
      i + 1, `${city.short}${brand}${r.pick(V.TRADES[industry])}${r.pick(V.SUFFIXES)}`, uscc, r.chance(0.5) ? city.short : city.name, '',
      `${city.name}${r.pick(V.BRANDS)}路${r.int(1, 300)}号`, industry, `${brand}${r.pick(V.PLATFORM_ENDS)}`, `${r.pick(V.SYLLABLES)}${r.pick(V.SYLLABLES)}.cn`,
      r.pick(V.SURNAMES) + r.pick(V.GIVEN), r.pick(V.SURNAMES) + r.pick(V.GIVEN), `13${String(r.int(0, 999_999_999)).padStart(9, '0')}`,
      r.int(100, 5000), `20${r.int(10, 24)}-0${r.int(1, 9)}-1${r.int(0, 9)}`, r.int(40, 300), r.int(3, 40), r.pick(['咨询评估', '材料准备', '线上预申请']),
      r.pick(V.CONSULTANTS), '',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The statements `import.commit` runs per imported row and once at the end, without reading or checking anything. */
function bareImport(db: Database.Database, preview: ImportPreview, now: string): () => void {
  const insClient = db.prepare(`INSERT INTO clients (name, uscc, uscc_valid, city, district, address, industry, platform_name, domain,
      business_scope, legal_rep, contact_name, contact_phone, capital_yuan, founded, office_area_m2, insured_staff, consultant, remark,
      stage, stage_since, materials_total, search_text, created_at, updated_at)
    VALUES (@name, @uscc, 1, @city, @district, @address, @industry, @platformName, @domain, NULL, @legalRep, @contactName,
      @contactPhone, @capitalYuan, @founded, @officeAreaM2, @insuredStaff, @consultant, @remark, @stage, @today, 17, '', @now, @now)`);
  const insChecklist = db.prepare(`INSERT INTO materials (client_id, item_key, group_key, title, hint, sort, updated_ms)
    SELECT ?, key, group_key, title, hint, sort, ? FROM material_template WHERE retired = 0 ORDER BY sort`);
  const insEvent = db.prepare(`INSERT INTO events (client_id, at, on_code, kind_code, new_code) VALUES (@c, @at, ${STORED_ON_SQL_0190('@on', '@at')}, @k, ${STORED_VALUE_SQL_0190('@v')})`);
  const rows = preview.rows.filter((x) => x.outcome === 'import').map((x) => x.values);
  const nulls = { district: null, address: null, platformName: null, domain: null, legalRep: null, contactName: null, contactPhone: null, capitalYuan: null, founded: null, officeAreaM2: null, insuredStaff: null, consultant: null, remark: null };
  return () => {
    try {
      withDeferredSearchIndex(db, () => {
        for (const v of rows) {
          const id = Number(insClient.run({ ...nulls, ...v, stage: v.stage ?? 'consultation', today: now.slice(0, 10), now }).lastInsertRowid);
          insChecklist.run(id, now);
          insEvent.run({ c: id, at: now, on: now.slice(0, 10), k: storedKind('client.import'), v: v.name });
          insEvent.run({ c: id, at: now, on: now.slice(0, 10), k: storedKind('stage'), v: v.stage ?? 'consultation' });
        }
        throw new Error('rollback');
      });
    } catch (e) {
      if (!(e instanceof Error && e.message === 'rollback')) throw e;
    }
  };
}

/** Previews and commits `runs` different 5,000-row files; returns the preview, commit and total rows. */
export async function importCases(ctx: ServiceContext, r: Rng, runs: number, rows = 5000): Promise<CaseResult[]> {
  const existing = (ctx.db.prepare('SELECT uscc FROM clients ORDER BY id LIMIT 200').all() as { uscc: string }[]).map((x) => x.uscc);
  const preview: number[] = [];
  const commit: number[] = [];
  const total: number[] = [];
  const bare: number[] = [];
  let imported = 0;
  try {
    for (let run = 0; run < runs; run++) {
      const file = { fileName: `客户台账-${run + 1}.xlsx`, dataBase64: (await makeImportXlsx(rows, 5_000_000 + run * 100_000, r, existing)).toString('base64') };
      let t = performance.now();
      const p = await dispatch(ctx, 'import.preview', { ...file, mapping: null });
      const tp = performance.now() - t;
      if (!p.ok) throw new Error(`import.preview: ${p.error.message}`);
      const pv = p.value as ImportPreview;
      const runBare = bareImport(ctx.db, pv, ctx.now().toISOString());
      t = performance.now();
      runBare();
      bare.push(performance.now() - t);
      t = performance.now();
      const c = await dispatch(ctx, 'import.commit', { ...file, mapping: pv.mapping, force: [] });
      const tc = performance.now() - t;
      if (!c.ok) throw new Error(`import.commit: ${c.error.message}`);
      imported = (c.value as { imported: number }).imported;
      preview.push(tp);
      commit.push(tc);
      total.push(tp + tc);
    }
  } catch (e) {
    return [{ group: 'import', name: `import ${rows}-row xlsx`, service: null, bare: null, target: TARGETS.import, skipped: String(e) }];
  }
  const note = `${imported} of ${rows} rows imported per run (the rest flagged or duplicates); the UI shows a progress bar while it runs`;
  return [
    { group: 'import', name: `import: preview (${rows}-row xlsx)`, service: summarize(preview), bare: null },
    { group: 'import', name: 'import: commit', service: summarize(commit), bare: summarize(bare), note: 'bare = the same inserts, prepared, rolled back' },
    { group: 'import', name: 'import: preview + commit', service: summarize(total), bare: null, target: TARGETS.import, note },
  ];
}
