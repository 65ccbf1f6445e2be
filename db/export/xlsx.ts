/**
 * Full export as one Excel workbook: a 说明 sheet (when, which version, rows per table), then one sheet per data
 * table (tables.ts, so tables added later are included), Chinese sheet and column names where known, the raw name
 * otherwise. Written with exceljs' streaming writer, so large registers do not build the whole workbook in memory.
 * Excel's limits are respected: 1,048,575 data rows per sheet (more continue on "<name> (2)"), 32,767 characters per
 * cell (longer texts are cut, marked "…"; the JSON export keeps them whole).
 */
import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../lazy-libs';
import type { DB } from '../open';
import { dataTables, ident } from './tables';
import { eventAtSql, eventNewValueSql, eventTitleSql } from '../service/event-columns';
import { personalDataSummary } from './personal';
import { truncateText } from '../../shared/domain/text';

/** Chinese sheet names of known tables (others keep their table name). */
export const SHEET_NAMES: Readonly<Record<string, string>> = {
  clients: '客户',
  materials: '材料清单',
  material_template: '材料模板',
  notes: '每周进度',
  events: '变更记录',
  weekly_next_steps: '下一步计划',
  inspections: '现场核查',
  inspection_items: '核查项目',
  inspection_attendees: '核查参加人员',
  inspection_template: '核查模板',
  licences: '许可证',
  annual_reports: '年报',
  change_filings: '变更备案',
  process_dates: '办理日期',
  client_facts: '资质信息',
  holiday_years: '节假日安排',
  rule_settings: '规则设置',
  client_extra: '其他信息',
  import_mappings: '导入列对应',
  note_versions: '进度历史版本',
  due_dates: '期限索引',
  due_dirty: '期限待更新',
  attachments: '附件',
};

/** Chinese column headings of known columns, per table (others keep their column name). */
export const COLUMN_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  client_extra: { id: '编号', client_id: '客户编号', position: '顺序', label: '名称', value: '内容' },
  import_mappings: { header_key: '表头', value: '列对应', updated_at: '更新时间' },
  clients: {
    id: '编号', name: '公司名称', uscc: '统一社会信用代码', uscc_valid: '代码校验通过', city: '城市', district: '区县', address: '地址',
    industry: '行业', platform_name: '平台名称', domain: '域名', icp_filing_no: 'ICP备案号', server_location: '服务器所在地', business_scope: '经营范围', legal_rep: '法定代表人',
    contact_name: '联系人', contact_phone: '联系电话', capital_yuan: '注册资本（元）', founded: '成立日期', office_area_m2: '办公面积（㎡）',
    insured_staff: '社保人数', consultant: '顾问', remark: '备注', stage: '阶段', stage_since: '进入阶段日期', archived: '已归档',
    materials_done: '已完成材料', materials_total: '材料总数', last_note_date: '最近进度日期', search_text: '检索文本',
    created_at: '创建时间', updated_at: '更新时间',
  },
  materials: {
    id: '编号', client_id: '客户编号', item_key: '材料代码', group_key: '分组', title: '材料名称', hint: '说明', sort: '排序', status: '状态',
    check_complete: '全', check_accurate: '准', check_legible: '清', note: '备注', due_date: '截止日期', updated_at: '更新时间', updated_ms: '更新时间',
  },
  material_template: { key: '材料代码', group_key: '分组', title: '材料名称', hint: '说明', authority_added: '主管部门新增', has_original: '有原件', sort: '排序', retired: '已停用' },
  notes: { id: '编号', client_id: '客户编号', note_date: '日期', body: '内容', created_at: '创建时间', updated_at: '更新时间', created_ms: '创建时间', updated_ms: '更新时间' },
  events: {
    id: '编号', client_id: '客户编号', at: '时间', occurred_on: '日期', kind: '类型', subject: '对象', subject_title: '对象名称',
    old_value: '原值', new_value: '新值', kind_code: '类型', on_code: '日期', old_code: '原值', new_code: '新值',
  },
};

/**
 * A column as the sheet shows it, for `FROM <table> AS x`: the events' instant, material titles and note excerpts as recorded
 * (stored compactly since 0180, db/service/event-columns.ts), every other column as stored.
 */
function columnSql(table: string, column: string): string {
  if (table === 'events' && column === 'at') return `${eventAtSql('x')} AS at`;
  if (table === 'events' && column === 'subject_title') return `${eventTitleSql('x')} AS subject_title`;
  if (table === 'events' && column === 'new_value') return `${eventNewValueSql('x')} AS new_value`;
  // 0190's stored columns as the values they stand for (the generated columns of the recorded names).
  if (table === 'events' && column === 'new_code') return `${eventNewValueSql('x')} AS new_code`;
  const recorded = RECORDED_0190[table]?.[column];
  if (recorded) return `x.${recorded} AS ${ident(column)}`;
  return `x.${ident(column)}`;
}

/** 0190's stored columns and the generated column giving each one's value as recorded. */
const RECORDED_0190: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  events: { kind_code: 'kind', on_code: 'occurred_on', old_code: 'old_value' },
  notes: { created_ms: 'created_at', updated_ms: 'updated_at' },
  materials: { updated_ms: 'updated_at' },
};

const MAX_ROWS = 1_048_575;
const MAX_CELL = 32_767;

/** A valid, unique sheet name (≤ 31 characters, none of []:*?/\). */
function sheetName(wanted: string, used: Set<string>): string {
  const base = truncateText(wanted.replace(/[[\]:*?/\\]/g, '_'), 31, { ellipsis: '', measure: 'utf16' }) || 'Sheet';
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${truncateText(base, 26, { ellipsis: '', measure: 'utf16' })} (${n})`;
  used.add(name.toLowerCase());
  return name;
}

function cell(v: unknown): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
  if (Buffer.isBuffer(v)) return v.toString('base64').slice(0, MAX_CELL);
  if (typeof v === 'string') return v.length > MAX_CELL ? `${v.slice(0, MAX_CELL - 1)}…` : v;
  return v as number;
}

/**
 * Writes every data table of `db` to an .xlsx workbook.
 * @returns the workbook's bytes
 */
export async function exportXlsx(db: DB, meta: { appVersion: string; now: Date }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => { stream.on('end', resolve); stream.on('error', reject); });
  const { stream: excelStream } = await loadExcelJS();
  const wb = new excelStream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = '许可通 ICP Desk';
  const used = new Set<string>();
  const tables = dataTables(db);
  const count = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${ident(t)}`).get() as { n: number }).n;

  const about = wb.addWorksheet(sheetName('说明', used));
  about.columns = [{ width: 24 }, { width: 40 }];
  const addAbout = (r: ExcelJS.CellValue[], bold = false) => { const row = about.addRow(r); if (bold) row.font = { bold: true }; row.commit(); };
  addAbout(['许可通 ICP Desk 完整导出'], true);
  addAbout(['导出时间（UTC）', meta.now.toISOString()]);
  addAbout(['程序版本', meta.appVersion]);
  addAbout(['数据库版本', db.pragma('user_version', { simple: true }) as number]);
  const personal = personalDataSummary(db);
  if (personal.notice) addAbout(['个人信息（未打码）', personal.notice], true);
  addAbout([]);
  addAbout(['工作表', '行数'], true);
  for (const t of tables) addAbout([`${SHEET_NAMES[t.name] ?? t.name}（${t.name}）`, count(t.name)]);
  about.commit();

  for (const t of tables) {
    const labels = COLUMN_LABELS[t.name] ?? {};
    const header = t.columns.map((c) => labels[c.name] ?? c.name);
    const newSheet = () => {
      const ws = wb.addWorksheet(sheetName(SHEET_NAMES[t.name] ?? t.name, used), { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = header.map((h) => ({ width: Math.min(40, Math.max(10, h.length * 2 + 2)) }));
      const row = ws.addRow(header);
      row.font = { bold: true };
      row.commit();
      return ws;
    };
    let ws = newSheet();
    let n = 0;
    const stmt = db.prepare(`SELECT ${t.columns.map((c) => columnSql(t.name, c.name)).join(', ')} FROM ${ident(t.name)} AS x`).raw(true).safeIntegers(true);
    for (const r of stmt.iterate() as Iterable<unknown[]>) {
      if (n === MAX_ROWS) {
        ws.commit();
        ws = newSheet();
        n = 0;
      }
      ws.addRow(r.map(cell)).commit();
      // Let the zip stream drain and other requests run: a 20,000-client register has ~500,000 rows.
      if (++n % 2000 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    ws.commit();
  }
  await wb.commit();
  stream.end();
  await done;
  return Buffer.concat(chunks);
}
