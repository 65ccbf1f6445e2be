/**
 * The weekly summary as an Excel workbook (exceljs): the roll-up on the first sheet ('周报汇总'), then one sheet per
 * client (named after the company) with its week. Chinese throughout, each sheet carrying the week and the date made;
 * frozen header rows, an auto-filter on the roll-up, column widths fitted to the content (CJK characters count double).
 */
import ExcelJS from 'exceljs';
import type { ClientWeekSummary, WeeklyRollup } from '../../shared/reports/weekly-model';
import { filtersText, mmdd, progressText, stageMovesText, stageZh, statusZh, WEEKLY_ZH } from '../../shared/reports/weekly-labels';
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

const ROLLUP_HEADERS = [
  WEEKLY_ZH.seq, WEEKLY_ZH.name, WEEKLY_ZH.city, WEEKLY_ZH.consultant, '阶段', WEEKLY_ZH.progress, '已核对', '材料总数',
  WEEKLY_ZH.headline, '本周记录数', '提醒', '下一截止日期', '下一截止事项',
];

function rollupSheet(wb: ExcelJS.Workbook, name: string, r: WeeklyRollup): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 2, ySplit: 3 }], pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  titleRows(ws, ROLLUP_HEADERS.length, WEEKLY_ZH.rollupTitle,
    `${WEEKLY_ZH.week}：${r.week.label}    ${WEEKLY_ZH.generatedOn}：${r.generatedOn}    ${WEEKLY_ZH.filters}：${filtersText(r.filters)}    在办客户 ${r.totals.shown} 家，本周无记录 ${r.totals.noNote} 家`);
  headerRow(ws, ROLLUP_HEADERS);
  r.rows.forEach((row, i) => {
    const x = ws.addRow([
      i + 1, row.name, row.city, row.consultant ?? '', stageZh(row.stage), progressText(row.progress), row.progress.done, row.progress.total,
      row.headline, row.noteCount, row.noNote ? '本周无记录' : '', row.nextDeadline?.date ?? '', row.nextDeadline ? `${row.nextDeadline.title}（${row.nextDeadline.sourceLabel}）` : '',
    ]);
    x.eachCell({ includeEmpty: true }, (c) => { c.border = THIN; c.alignment = { vertical: 'top' }; });
    if (row.noNote) x.getCell(11).fill = WARN_FILL;
  });
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: ROLLUP_HEADERS.length } };
  fitColumns(ws, 3, 6, 50);
}

function clientSheet(wb: ExcelJS.Workbook, name: string, s: ClientWeekSummary): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }], pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  titleRows(ws, 4, `${WEEKLY_ZH.clientTitle} — ${s.client.name}`, `${WEEKLY_ZH.week}：${s.week.label}    ${WEEKLY_ZH.generatedOn}：${s.generatedOn}`);
  ws.addRow([]);
  const kv: Array<[string, string]> = [
    [WEEKLY_ZH.client, s.client.name],
    [WEEKLY_ZH.uscc, s.client.uscc],
    [WEEKLY_ZH.city, s.client.city],
    [WEEKLY_ZH.consultant, s.client.consultant ?? ''],
    [WEEKLY_ZH.stage, stageZh(s.stage)],
    [WEEKLY_ZH.stageMoves, stageMovesText(s.stageMoves) || WEEKLY_ZH.none],
    [WEEKLY_ZH.progress, `${progressText(s.progress)}（${WEEKLY_ZH.progressHint}）`],
  ];
  for (const [k, v] of kv) {
    const row = ws.addRow([k, v]);
    row.getCell(1).font = { bold: true };
  }
  // Section titles and empty-state lines span all four columns (merged), so they do not widen column A.
  const wide = (text: string, font: Partial<ExcelJS.Font>) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, 4);
    row.getCell(1).font = font;
  };
  const section = (title: string, headers: string[], rows: Array<Array<string | number>>, empty: string) => {
    ws.addRow([]);
    wide(title, { bold: true, size: 12 });
    if (!rows.length) {
      wide(empty, { color: { argb: 'FF666666' } });
      return;
    }
    headerRow(ws, headers);
    for (const r of rows) ws.addRow(r).eachCell({ includeEmpty: true }, (c) => { c.border = THIN; c.alignment = { vertical: 'top', wrapText: true }; });
  };
  section(WEEKLY_ZH.notes, [WEEKLY_ZH.date, WEEKLY_ZH.content], s.notes.map((n) => [n.date, n.body]), WEEKLY_ZH.noNotes);
  section(WEEKLY_ZH.changes, [WEEKLY_ZH.date, WEEKLY_ZH.material, WEEKLY_ZH.change],
    s.materialChanges.map((c) => [c.on, c.title, `${statusZh(c.from)} → ${statusZh(c.to)}`]), WEEKLY_ZH.noChanges);
  section(`${WEEKLY_ZH.upcoming}（${mmdd(s.upcoming.from)} ~ ${mmdd(s.upcoming.to)}）`, [WEEKLY_ZH.date, WEEKLY_ZH.item, WEEKLY_ZH.kind],
    s.upcoming.items.map((u) => [u.date, u.detail ? `${u.title}（${u.detail}）` : u.title, u.sourceLabel]), WEEKLY_ZH.noUpcoming);
  ws.addRow([]);
  wide(WEEKLY_ZH.nextSteps + (s.nextSteps.saved ? '' : `（${WEEKLY_ZH.suggested}）`), { bold: true, size: 12 });
  const ns = ws.addRow([s.nextSteps.text]);
  ws.mergeCells(ns.number, 1, ns.number, 4);
  ns.getCell(1).alignment = { wrapText: true, vertical: 'top' };

  section(`${WEEKLY_ZH.missing}（${s.missing.length}项）`, [WEEKLY_ZH.dueDate, WEEKLY_ZH.material, WEEKLY_ZH.status],
    s.missing.map((m) => [m.dueDate ? `${m.dueDate}${m.dueDate <= s.week.end ? `（${WEEKLY_ZH.overdue}）` : ''}` : '', m.title, statusZh(m.status)]), WEEKLY_ZH.noMissing);
  fitColumns(ws, 3, 10, 60);
  // A merged cell does not grow with its text in Excel: size the next-steps row for its wrapped lines.
  const total = [1, 2, 3, 4].reduce((w, i) => w + (ws.getColumn(i).width ?? 10), 0);
  const lines = s.nextSteps.text.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(displayWidth(l) / total)), 0);
  ns.height = Math.max(20, 15 * lines + 4);
}

/**
 * Builds the workbook: the roll-up sheet, then one sheet per summary (in the roll-up's order).
 * @returns the .xlsx bytes and the sheet names in order
 */
export async function weeklyWorkbook(rollup: WeeklyRollup, summaries: readonly ClientWeekSummary[]): Promise<{ bytes: Uint8Array; sheets: string[] }> {
  const wb = new ExcelJS.Workbook();
  wb.creator = WEEKLY_ZH.appName;
  wb.title = `${WEEKLY_ZH.rollupTitle} ${rollup.week.label}`;
  const created = new Date(`${rollup.generatedOn}T00:00:00+08:00`);
  wb.created = created;
  wb.modified = created;
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
