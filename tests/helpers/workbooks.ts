/**
 * Spreadsheet files for import tests and the benchmark: plain xlsx from rows, a workbook styled far below its data
 * (the "formatting applied down to row 1,000,051" sheet of issue 13), and hand-made zips (an .xlsb, a zip bomb).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';

/** An .xlsx with one sheet holding `rows` (strings stay text cells, so leading zeros survive). */
export async function xlsxOf(rows: unknown[][], sheetName = '客户台账'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Header and `n` valid Shanxi client rows (real USCC check characters), plus 邮编 and 档案号 columns. */
export function clientRows(n: number): string[][] {
  const rows = [['序号', '公司名称', '统一社会信用代码', '所在城市', '联系电话', '备注', '邮编', '档案号']];
  for (let i = 1; i <= n; i++) rows.push([String(i), `山西测试科技有限公司${i}号`, usccFor(i), '太原市', '0351-5322469', `第${i}行`, '030600', String(i).padStart(6, '0')]);
  return rows;
}

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** A valid USCC in 太原 (140100) with organisation code from `i`. */
export function usccFor(i: number): string {
  const first = `91140100${String(i).padStart(8, '0')}M`;
  const sum = [...first].reduce((s, ch, k) => s + CHARSET.indexOf(ch) * WEIGHTS[k], 0);
  const c = 31 - (sum % 31);
  return first + CHARSET[c === 31 ? 0 : c];
}

/**
 * Writes an xlsx whose first `dataRows` rows (header included) hold clients and whose cells A–H carry a fill and a
 * border on every row down to `styledTo` (values none): what a sheet looks like after "format the whole column".
 * Streams to a temp file (exceljs WorkbookWriter) and returns its bytes.
 */
export async function styledWorkbook(dataRows: number, styledTo: number): Promise<Buffer> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'icp-styled-')), 'styled.xlsx');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('客户台账');
  const rows = clientRows(dataRows - 1);
  const style: Partial<ExcelJS.Style> = {
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } },
    border: { bottom: { style: 'thin' } },
  };
  for (let r = 1; r <= styledTo; r++) {
    const row = ws.getRow(r);
    const values = rows[r - 1];
    for (let c = 1; c <= 8; c++) {
      const cell = row.getCell(c);
      if (values) cell.value = values[c - 1];
      cell.style = style;
    }
    row.commit();
  }
  ws.commit();
  await wb.commit();
  const bytes = fs.readFileSync(file);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return bytes;
}

/** A zip of `entries` (deflated), written by hand: for files no spreadsheet program would write. */
export function zipOf(entries: Array<{ name: string; data: Buffer }>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const packed = zlib.deflateRawSync(e.data);
    const name = Buffer.from(e.name, 'utf8');
    const crc = zlib.crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(e.data.length, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    central.push(dir, name);
    offset += local.length + name.length + packed.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

/** The first bytes of an OLE2 compound file (legacy .xls / encrypted .xlsx container), optionally naming a stream. */
export function ole2With(streamName?: string): Buffer {
  const head = Buffer.alloc(1024);
  head.writeUInt32BE(0xd0cf11e0, 0);
  head.writeUInt32BE(0xa1b11ae1, 4);
  return streamName ? Buffer.concat([head, Buffer.from(streamName, 'utf16le'), Buffer.alloc(512)]) : Buffer.concat([head, Buffer.from('Workbook', 'utf16le'), Buffer.alloc(512)]);
}
