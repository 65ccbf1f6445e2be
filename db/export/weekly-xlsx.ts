/**
 * The weekly summary as an Excel workbook (exceljs): the roll-up on the first sheet ('周报汇总'), then one sheet per
 * client (named after the company) with its week; or one client's workbook with only its sheet. Chinese throughout,
 * each sheet carrying the week and the date made; dates as real date cells (yyyy-mm-dd); frozen header rows, an
 * auto-filter on the roll-up, column widths fitted to the content (CJK characters count double), long text wrapped;
 * every sheet prints on A4 fitted to one page wide with its title / header rows repeated on each page.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../lazy-libs';
import type { ClientWeekSummary, WeeklyRollup } from '../../shared/reports/weekly-model';
import { dayMarkText, deadlineLine, deadlineWhat, filtersText, materialChangeText, mmdd, overdueText, progressText, stageZh, statusZh, WEEKLY_ZH } from '../../shared/reports/weekly-labels';
import { truncateText } from '../../shared/domain/text';

/** Characters Excel forbids in sheet names. */
const SHEET_FORBIDDEN = /[[\]:*?/\\]/g;
/** Excel's limit on a sheet name's length. */
export const SHEET_NAME_MAX = 31;

/**
 * A valid, unique Excel sheet name from `wanted`: forbidden characters `[]:*?/\` removed, leading/trailing apostrophes
 * and spaces trimmed, cut to 31 characters, '客户' if nothing is left, 'History' avoided (reserved by Excel), and
 * made unique (case-insensitively, as Excel compares) against `used` by a suffix '(2)', '(3)'… kept within 31 characters.
 * Adds the result to `used`.
 */
export function uniqueSheetName(wanted: string, used: Set<string>): string {
  const cut = (s: string, n: number) => truncateText(s, n, { ellipsis: '', measure: 'utf16' });
  let base = wanted.replace(SHEET_FORBIDDEN, '').replace(/[\u0000-\u001f]/g, '').replace(/^['\s]+|['\s]+$/g, '');
  base = cut(base, SHEET_NAME_MAX).replace(/['\s]+$/, '') || '客户';
  if (base.toLowerCase() === 'history') base = `${base}_`;
  const taken = (s: string) => [...used].some((u) => u.toLowerCase() === s.toLowerCase());
  let name = base;
  for (let i = 2; taken(name); i++) {
    const suffix = `(${i})`;
    name = cut(base, SHEET_NAME_MAX - suffix.length) + suffix;
  }
  used.add(name);
  return name;
}

/** Display width of text in Excel column units: CJK and other wide characters count 2, others 1 (longest line). */
export function displayWidth(s: string): number {
  let best = 0;
  for (const line of s.split('\n')) {
    let w = 0;
    for (const ch of line) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
    best = Math.max(best, w);
  }
  return best;
}

/** Sets each column's width to fit its cells (rows from `fromRow`), between `min` and `max`; longer cells wrap. */
function fitColumns(ws: ExcelJS.Worksheet, fromRow: number, min = 8, max = 60): void {
  for (let i = 1; i <= ws.columnCount; i++) {
    const col = ws.getColumn(i);
    let w = min;
    col.eachCell({ includeEmpty: false }, (cell, row) => {
      if (row >= fromRow && !cell.isMerged) w = Math.max(w, displayWidth(cell.text ?? '') + 2);
    });
    col.width = Math.min(max, w);
    col.eachCell({ includeEmpty: false }, (cell, row) => {
      if (row >= fromRow && displayWidth(cell.text ?? '') + 2 > max) cell.alignment = { ...cell.alignment, wrapText: true, vertical: 'top' };
    });
  }
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
const WARN_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E1' } };
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };

function titleRows(ws: ExcelJS.Worksheet, cols: number, title: string, subtitle: string): void {
  ws.mergeCells(1, 1, 1, cols);
  ws.mergeCells(2, 1, 2, cols);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(2, 1).value = subtitle;
  ws.getCell(2, 1).font = { size: 10, color: { argb: 'FF444444' } };
  ws.getRow(1).height = 22;
}

function headerRow(ws: ExcelJS.Worksheet, values: string[]): ExcelJS.Row {
  const row = ws.addRow(values);
  row.eachCell((c) => { c.font = { bold: true }; c.fill = HEADER_FILL; c.border = THIN; });
  return row;
}

/** An Excel date cell value for 'YYYY-MM-DD' (UTC midnight: exceljs stores the serial day number). */
export function excelDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}
/** Number format of every date cell. */
export const DATE_FORMAT = 'yyyy-mm-dd';

/** A4, fit to one page wide (as many pages tall as needed), with `titleRows` repeated on every printed page. */
function pageSetup(orientation: 'portrait' | 'landscape', titleRows: string): Partial<ExcelJS.PageSetup> {
  return { paperSize: 9, orientation, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: titleRows, margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } };
}

/** Formats the cells of `row` holding a Date as dates. */
function dateCells(row: ExcelJS.Row): void {
  row.eachCell((c) => { if (c.value instanceof Date) c.numFmt = DATE_FORMAT; });
}

const ROLLUP_HEADERS = [
  WEEKLY_ZH.seq, WEEKLY_ZH.name, WEEKLY_ZH.city, WEEKLY_ZH.consultant, '阶段', WEEKLY_ZH.milestone, WEEKLY_ZH.progress, '已核对', '材料总数',
  WEEKLY_ZH.correctionCount, WEEKLY_ZH.overdueCount, WEEKLY_ZH.headline, '本周记录数', '提醒', '下一截止日期', '下一截止事项',
];

function rollupSheet(wb: ExcelJS.Workbook, name: string, r: WeeklyRollup): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 2, ySplit: 3 }], pageSetup: pageSetup('landscape', '3:3') });
  titleRows(ws, ROLLUP_HEADERS.length, WEEKLY_ZH.rollupTitle,
    `${WEEKLY_ZH.week}：${r.week.label}    ${WEEKLY_ZH.generatedOn}：${r.generatedOn}    ${WEEKLY_ZH.filters}：${filtersText(r.filters)}    在办客户 ${r.totals.shown} 家，本周无记录 ${r.totals.noNote} 家`);
  headerRow(ws, ROLLUP_HEADERS);
  r.rows.forEach((row, i) => {
    const d = row.nextDeadline;
    const x = ws.addRow([
      i + 1, row.name, row.city, row.consultant ?? '', stageZh(row.stage), row.milestone ?? '', progressText(row.progress), row.progress.done, row.progress.total,
      row.correctionCount, row.overdueCount, row.headline, row.noteCount, row.noNote ? '本周无记录' : '',
      d ? excelDate(d.date) : '', d ? deadlineLine(d, false) : '',
    ]);
    dateCells(x);
    x.eachCell({ includeEmpty: true }, (c) => { c.border = THIN; c.alignment = { vertical: 'top', wrapText: true }; });
    if (row.noNote) x.getCell(14).fill = WARN_FILL;
    if (row.overdueCount) x.getCell(11).fill = WARN_FILL;
  });
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: ROLLUP_HEADERS.length } };
  fitColumns(ws, 3, 6, 50);
}

type Cell = string | number | Date;

function clientSheet(wb: ExcelJS.Workbook, name: string, s: ClientWeekSummary): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }], pageSetup: pageSetup('portrait', '1:2') });
  titleRows(ws, 4, `${WEEKLY_ZH.clientTitle} — ${s.client.name}`, `${WEEKLY_ZH.week}：${s.week.label}    ${WEEKLY_ZH.generatedOn}：${s.generatedOn}`);
  ws.addRow([]);
  const kv: Array<[string, string]> = [
    [WEEKLY_ZH.client, s.client.name],
    [WEEKLY_ZH.uscc, s.client.uscc],
    [WEEKLY_ZH.city, s.client.city],
    [WEEKLY_ZH.consultant, s.client.consultant ?? ''],
    [WEEKLY_ZH.stage, stageZh(s.stage)],
    [WEEKLY_ZH.progress, `${progressText(s.progress)}（${WEEKLY_ZH.progressHint}）`],
  ];
  for (const [k, v] of kv) {
    const row = ws.addRow([k, v]);
    ws.mergeCells(row.number, 2, row.number, 4);
    row.getCell(1).font = { bold: true };
  }
  // Section titles and empty-state lines span all four columns (merged), so they do not widen column A.
  const wide = (text: string, font: Partial<ExcelJS.Font>) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, 4);
    row.getCell(1).font = font;
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    return row;
  };
  const section = (title: string, headers: string[], rows: Cell[][], empty: string | null) => {
    if (!rows.length && empty === null) return;
    ws.addRow([]);
    wide(title, { bold: true, size: 12 });
    if (!rows.length) {
      wide(empty ?? '', { color: { argb: 'FF666666' } });
      return;
    }
    headerRow(ws, headers);
    for (const r of rows) {
      const x = ws.addRow(r);
      dateCells(x);
      x.eachCell({ includeEmpty: true }, (c) => { c.border = THIN; c.alignment = { vertical: 'top', wrapText: true }; });
    }
  };
  const d = (date: string | null) => (date ? excelDate(date) : '');
  section(WEEKLY_ZH.milestones, [WEEKLY_ZH.date, WEEKLY_ZH.content], s.milestones.map((m) => [d(m.on), m.text]), null);
  section(WEEKLY_ZH.notes, [WEEKLY_ZH.date, WEEKLY_ZH.content], s.notes.map((n) => [d(n.date), n.body]), WEEKLY_ZH.noNotes);
  section(WEEKLY_ZH.changes, [WEEKLY_ZH.lastChange, WEEKLY_ZH.material, WEEKLY_ZH.change, WEEKLY_ZH.reason],
    s.materialLines.map((l) => [d(l.lastChangeOn), l.title, materialChangeText(l), l.note ?? '']), WEEKLY_ZH.noChanges);
  section(`${WEEKLY_ZH.upcoming}（${WEEKLY_ZH.upcomingHint}，${mmdd(s.upcoming.from)} ~ ${mmdd(s.upcoming.to)}）`, [WEEKLY_ZH.date, WEEKLY_ZH.item, WEEKLY_ZH.kind, WEEKLY_ZH.status],
    s.upcoming.items.map((u) => [d(u.date), deadlineWhat(u), u.sourceLabel, [u.overdueDays > 0 ? overdueText(u.overdueDays) : '', dayMarkText(u)].filter(Boolean).join('；')]), WEEKLY_ZH.noUpcoming);
  section(`${WEEKLY_ZH.needs}（${s.missing.length}项）`, [WEEKLY_ZH.dueDate, WEEKLY_ZH.material, WEEKLY_ZH.status, WEEKLY_ZH.reason],
    s.missing.map((m) => [d(m.dueDate), m.title, statusZh(m.status), m.status === 'correction' ? (m.note ?? '') : '']), WEEKLY_ZH.noNeeds);
  section(WEEKLY_ZH.risks, [WEEKLY_ZH.seq, WEEKLY_ZH.content], s.risks.map((r, i) => [i + 1, r]), null);
  ws.addRow([]);
  wide(WEEKLY_ZH.nextSteps, { bold: true, size: 12 });
  const ns = wide(s.nextSteps.text, {});
  fitColumns(ws, 3, 12, 60);
  // A merged cell does not grow with its text in Excel: size merged rows for their wrapped lines.
  const total = [1, 2, 3, 4].reduce((w, i) => w + (ws.getColumn(i).width ?? 10), 0);
  ws.eachRow((row) => {
    const c = row.getCell(1);
    if (!c.isMerged || row.number <= 2) return;
    const lines = String(c.value ?? '').split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(displayWidth(l) / total)), 0);
    if (lines > 1 || row === ns) row.height = Math.max(18, 15 * lines + 4);
  });
}

async function newWorkbook(title: string, generatedOn: string): Promise<ExcelJS.Workbook> {
  const { Workbook } = await loadExcelJS();
  const wb = new Workbook();
  wb.creator = WEEKLY_ZH.appName;
  wb.title = title;
  const created = new Date(`${generatedOn}T00:00:00+08:00`);
  wb.created = created;
  wb.modified = created;
  return wb;
}

/**
 * Builds the workbook: the roll-up sheet, then one sheet per summary (in the roll-up's order).
 * @returns the .xlsx bytes and the sheet names in order
 */
export async function weeklyWorkbook(rollup: WeeklyRollup, summaries: readonly ClientWeekSummary[]): Promise<{ bytes: Uint8Array; sheets: string[] }> {
  const wb = await newWorkbook(`${WEEKLY_ZH.rollupTitle} ${rollup.week.label}`, rollup.generatedOn);
  const used = new Set<string>();
  const sheets = [uniqueSheetName(WEEKLY_ZH.rollupSheet, used)];
  rollupSheet(wb, sheets[0], rollup);
  for (const s of summaries) {
    const name = uniqueSheetName(s.client.name, used);
    sheets.push(name);
    clientSheet(wb, name, s);
  }
  const buf = await wb.xlsx.writeBuffer();
  return { bytes: new Uint8Array(buf as ArrayBuffer), sheets };
}

/**
 * One client's workbook (to send to that client): a single sheet with its week, nothing about other clients.
 * @returns the .xlsx bytes and the one sheet name
 */
export async function clientWorkbook(s: ClientWeekSummary): Promise<{ bytes: Uint8Array; sheets: string[] }> {
  const wb = await newWorkbook(`${WEEKLY_ZH.clientTitle} ${s.client.name} ${s.week.label}`, s.generatedOn);
  const name = uniqueSheetName(s.client.name, new Set());
  clientSheet(wb, name, s);
  const buf = await wb.xlsx.writeBuffer();
  return { bytes: new Uint8Array(buf as ArrayBuffer), sheets: [name] };
}
