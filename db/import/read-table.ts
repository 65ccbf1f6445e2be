/**
 * Reads an uploaded client spreadsheet (Excel .xlsx or CSV) into a plain grid of cell values.
 * Knows nothing about clients: header detection and field parsing live in header-map.ts / analyze.ts.
 * xlsx is first slimmed (xlsx-slim.ts: styled-but-empty rows cut out of the sheet XML as it is inflated), then read
 * with exceljs's streaming reader keeping only rows that hold a value, so formatting applied down to row 1,000,000
 * costs little time and no memory; the run is capped at {@link MAX_DATA_ROWS} data rows.
 */
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { loadExcelJS } from '../lazy-libs';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { redactPersonalData } from '../../shared/redact';
import { checkZip } from './zip-check';
import { slimXlsx } from './xlsx-slim';

/**
 * A sheet as a grid. `rows[i]` holds the cells of sheet row i+1 (0-based array, 1-based sheet rows); cell j is
 * column j (0 = A). Cells are `null`, string, number, boolean or `Date` (xlsx date cells, UTC midnight).
 * `sheetName`: the worksheet read (xlsx) or null (csv). `encoding`: 'utf-8' / 'utf-16le' / 'utf-16be' /
 * 'gb18030' for csv, null for xlsx. Ends at the last row holding a value; at least one non-blank row is present.
 */
export interface RawTable {
  sheetName: string | null;
  encoding: string | null;
  rows: unknown[][];
}

/** Most data rows one import accepts (a larger register is imported in parts). */
export const MAX_DATA_ROWS = 50_000;
/** Rows above the data that may hold titles and the header (header-map.ts searches the first 10). */
const LEADING_ROWS = 10;

/** Reading progress: bytes of the file consumed so far, of the total, and non-blank rows found. */
export interface ReadProgress {
  bytesRead: number;
  totalBytes: number;
  rows: number;
}

const bad = (code: Parameters<typeof msg>[0], params: Record<string, unknown> = {}) => AppError.of('BAD_FILE', msg(code, params));
const tooManyRows = () => bad('file_too_many_rows', { max: MAX_DATA_ROWS });

const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
/** OLE2 compound file: legacy .xls (BIFF), or a password-protected .xlsx (an EncryptedPackage stream inside). */
const isOle2 = (b: Buffer) => b.length >= 8 && b.readUInt32BE(0) === 0xd0cf11e0 && b.readUInt32BE(4) === 0xa1b11ae1;
const ENCRYPTED_MARK = Buffer.from('EncryptedPackage', 'utf16le');

/**
 * Reads `bytes` as a spreadsheet. The type comes from the magic bytes first (zip → xlsx, after {@link checkZip};
 * OLE2 → password-protected workbook or legacy .xls, both refused) and then the name (.csv / .tsv / .txt → delimited
 * text, delimiter auto-detected).
 *
 * @param fileName the original file name (only its extension is used)
 * @param bytes the file's contents
 * @param onProgress called now and then while reading (xlsx: about every 256 KB of the file)
 * @returns the first worksheet that has data (xlsx) or the parsed text (csv), see {@link RawTable}
 * @throws AppError('BAD_FILE') with a coded message: file_empty, file_not_spreadsheet, file_xls, file_encrypted,
 *   file_xlsb, file_corrupt, file_too_big_expanded, file_bad_encoding, file_bad_utf8, file_empty_sheet,
 *   file_too_many_rows
 */
export async function readTable(fileName: string, bytes: Buffer, onProgress?: (p: ReadProgress) => void): Promise<RawTable> {
  if (!bytes.length) throw bad('file_empty');
  const ext = /\.([^.]+)$/.exec(fileName.trim())?.[1]?.toLowerCase() ?? '';
  let table: RawTable;
  if (isZip(bytes)) table = await readXlsx(bytes, onProgress);
  else if (isOle2(bytes)) throw bad(bytes.includes(ENCRYPTED_MARK) ? 'file_encrypted' : 'file_xls');
  else if (ext === 'xls' || ext === 'et') throw bad('file_xls');
  else if (ext === 'xlsb') throw bad('file_xlsb');
  else if (ext === 'xlsx' || ext === 'xlsm') throw bad('file_corrupt');
  else if (ext === 'csv' || ext === 'tsv' || ext === 'txt') table = readCsv(bytes);
  else throw bad('file_not_spreadsheet');
  while (table.rows.length && isBlankRow(table.rows[table.rows.length - 1])) table.rows.pop();
  if (!table.rows.length) throw table.sheetName ? bad('file_empty_sheet', { sheet: table.sheetName }) : bad('file_no_data');
  return table;
}

/** True when every cell of the row is null, undefined or whitespace-only text. */
export function isBlankRow(row: readonly unknown[]): boolean {
  for (const c of row) if (!(c === null || c === undefined || (typeof c === 'string' && c.trim() === ''))) return false;
  return true;
}

/** The file in 256 KB slices, reporting how far the reader got. */
function* slices(bytes: Buffer, report: (n: number) => void): Generator<Buffer> {
  const step = 256 * 1024;
  for (let i = 0; i < bytes.length; i += step) {
    report(i);
    yield bytes.subarray(i, i + step);
  }
  report(bytes.length);
}

/**
 * An error met while unzipping or parsing an .xlsx, as the user sees it: an AppError unchanged, anything else
 * file_corrupt — with its cause written to the log (personal data redacted), since a bug or a full disk looks the same
 * to the user as a damaged file.
 */
function corrupt(e: unknown): AppError {
  if (e instanceof AppError) return e;
  console.error(redactPersonalData(`[import] xlsx not read: ${e instanceof Error ? `${e.name}: ${e.message}` : typeof e}`));
  return bad('file_corrupt');
}

async function readXlsx(bytes: Buffer, onProgress?: (p: ReadProgress) => void): Promise<RawTable> {
  checkZip(bytes);
  let found = 0;
  const report = (n: number) => onProgress?.({ bytesRead: n, totalBytes: bytes.length, rows: found });
  let slim: Buffer;
  try {
    slim = await slimXlsx(bytes, report); // styled-but-empty rows removed before exceljs sees them
  } catch (e) {
    throw corrupt(e);
  }
  const { stream: excelStream } = await loadExcelJS();
  const reader = new excelStream.xlsx.WorkbookReader(Readable.from(slices(slim, () => undefined)), {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  });
  let emptySheet: string | null = null;
  try {
    for await (const ws of reader) {
      const rows: unknown[][] = [];
      let last = -1;
      for await (const row of ws) {
        const values = row.values as unknown[];
        const cells: unknown[] = [];
        for (let c = 1; c < values.length; c++) cells.push(cellValue(values[c]));
        if (isBlankRow(cells)) continue; // styled-but-empty rows: nothing kept
        if (++found > MAX_DATA_ROWS + LEADING_ROWS) throw tooManyRows();
        rows[row.number - 1] = cells;
        last = row.number - 1;
      }
      const name = (ws as unknown as { name?: string }).name ?? '';
      if (last >= 0) {
        for (let i = 0; i <= last; i++) rows[i] ??= [];
        return { sheetName: name, encoding: null, rows };
      }
      emptySheet ??= name;
      found = 0;
    }
  } catch (e) {
    throw corrupt(e);
  }
  throw emptySheet !== null ? bad('file_empty_sheet', { sheet: emptySheet }) : bad('file_corrupt');
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
  if (text.includes('\u0000')) throw bad('file_not_spreadsheet');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  let found = 0;
  for (const r of parsed.data) if (Array.isArray(r) && !isBlankRow(r) && ++found > MAX_DATA_ROWS + LEADING_ROWS) throw tooManyRows();
  return { sheetName: null, encoding, rows: parsed.data.map((r) => (Array.isArray(r) ? r : [])) };
}

/** UTF-8 (with or without BOM), UTF-16 LE/BE with BOM (Excel's “Unicode text”), else GB18030 (a superset of GBK / GB2312). */
function decodeText(b: Buffer): { text: string; encoding: string } {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { text: utf8(b.subarray(3)), encoding: 'utf-8' };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { text: iconv.decode(b.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { text: iconv.decode(b.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(b), encoding: 'utf-8' };
  } catch {
    const text = iconv.decode(b, 'gb18030');
    if (text.includes('\uFFFD')) throw bad('file_bad_encoding');
    return { text, encoding: 'gb18030' };
  }
}

function utf8(b: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    throw bad('file_bad_utf8');
  }
}
