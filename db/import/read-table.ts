/**
 * Reads an uploaded client spreadsheet (Excel .xlsx or CSV) into a plain grid of cell values.
 * Knows nothing about clients: header detection and field parsing live in header-map.ts / analyze.ts.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { AppError } from '../../shared/errors';

/**
 * A sheet as a grid. `rows[i]` holds the cells of sheet row i+1 (0-based array, 1-based sheet rows); cell j is
 * column j (0 = A). Cells are `null`, string, number, boolean or `Date` (xlsx date cells, UTC midnight).
 * `sheetName`: the worksheet read (xlsx) or null (csv). `encoding`: 'utf-8' / 'utf-16le' / 'utf-16be' /
 * 'gb18030' for csv, null for xlsx. Trailing blank rows are dropped; at least one non-blank row is present.
 */
export interface RawTable {
  sheetName: string | null;
  encoding: string | null;
  rows: unknown[][];
}

const NOT_SPREADSHEET = '无法读取文件：不是Excel（.xlsx）或CSV文件';
const XLS_MESSAGE = '无法读取旧版Excel（.xls）文件或已加密的Excel文件：请在Excel中“另存为”Excel工作簿（.xlsx）或CSV后再导入';
const CORRUPT_XLSX = '无法读取Excel文件：文件已损坏或不是有效的.xlsx文件';
const NO_DATA = '文件中没有数据';

const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
/** OLE2 compound file: legacy .xls, or an encrypted .xlsx. */
const isOle2 = (b: Buffer) => b.length >= 8 && b.readUInt32BE(0) === 0xd0cf11e0 && b.readUInt32BE(4) === 0xa1b11ae1;

/**
 * Reads `bytes` as a spreadsheet. The type comes from the magic bytes first (zip → xlsx; OLE2 → legacy .xls,
 * rejected) and then the name (.csv / .tsv / .txt → delimited text, delimiter auto-detected).
 *
 * @param fileName the original file name (only its extension is used)
 * @param bytes the file's contents
 * @returns the first worksheet that has data (xlsx) or the parsed text (csv), see {@link RawTable}
 * @throws AppError('BAD_FILE') with a Chinese message: empty file, not xlsx/csv, legacy .xls, corrupt xlsx,
 *   undecodable or binary text, or no data at all
 */
export async function readTable(fileName: string, bytes: Buffer): Promise<RawTable> {
  if (!bytes.length) throw new AppError('BAD_FILE', '文件为空');
  const ext = /\.([^.]+)$/.exec(fileName.trim())?.[1]?.toLowerCase() ?? '';
  let table: RawTable;
  if (isZip(bytes)) table = await readXlsx(bytes);
  else if (isOle2(bytes) || ext === 'xls' || ext === 'et') throw new AppError('BAD_FILE', XLS_MESSAGE);
  else if (ext === 'xlsx' || ext === 'xlsm') throw new AppError('BAD_FILE', CORRUPT_XLSX);
  else if (ext === 'csv' || ext === 'tsv' || ext === 'txt') table = readCsv(bytes);
  else throw new AppError('BAD_FILE', NOT_SPREADSHEET);
  while (table.rows.length && isBlankRow(table.rows[table.rows.length - 1])) table.rows.pop();
  if (!table.rows.length) throw new AppError('BAD_FILE', NO_DATA);
  return table;
}

/** True when every cell of the row is null, undefined or whitespace-only text. */
export function isBlankRow(row: readonly unknown[]): boolean {
  return row.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));
}

async function readXlsx(bytes: Buffer): Promise<RawTable> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer); // exceljs types its own Buffer; a Node Buffer is what it wants
  } catch {
    throw new AppError('BAD_FILE', CORRUPT_XLSX);
  }
  for (const ws of wb.worksheets) {
    const rows: unknown[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: unknown[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(cellValue(row.getCell(c).value));
      rows.push(cells);
    }
    if (rows.some((r) => !isBlankRow(r))) return { sheetName: ws.name, encoding: null, rows };
  }
  throw new AppError('BAD_FILE', NO_DATA);
}

/** An exceljs cell value as a plain value: rich text / hyperlink → text, formula → its result, error → '#N/A' etc. */
function cellValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object' || v instanceof Date) return v;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) return o.richText.map((p) => String((p as { text?: unknown }).text ?? '')).join('');
  if ('formula' in o || 'sharedFormula' in o || 'result' in o) return cellValue(o.result);
  if ('text' in o) return cellValue(o.text);
  if ('error' in o) return String(o.error);
  return String(v);
}

function readCsv(bytes: Buffer): RawTable {
  const { text, encoding } = decodeText(bytes);
  if (text.includes('\u0000')) throw new AppError('BAD_FILE', NOT_SPREADSHEET);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  return { sheetName: null, encoding, rows: parsed.data.map((r) => (Array.isArray(r) ? r : [])) };
}

/** UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK / GB2312). */
function decodeText(b: Buffer): { text: string; encoding: string } {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { text: utf8(b.subarray(3)), encoding: 'utf-8' };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { text: iconv.decode(b.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { text: iconv.decode(b.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(b), encoding: 'utf-8' };
  } catch {
    const text = iconv.decode(b, 'gb18030');
    if (text.includes('\uFFFD')) throw new AppError('BAD_FILE', '无法识别文件编码：请将文件另存为UTF-8或GBK编码的CSV，或另存为.xlsx');
    return { text, encoding: 'gb18030' };
  }
}

function utf8(b: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    throw new AppError('BAD_FILE', '无法识别文件编码：文件标记为UTF-8，但内容不是有效的UTF-8');
  }
}
