/**
 * Spreadsheet files for import tests and the benchmark: plain xlsx from rows, a workbook styled far below its data
 * (the "formatting applied down to row 1,000,051" sheet of issue 13), and hand-made zips (an .xlsb, a zip bomb).
 */
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
 * An xlsx whose first `dataRows` rows (header included) hold clients (clientRows) and whose cells A–H carry a fill
 * and a border on every row down to `styledTo`, without values: what a sheet looks like after "format the whole
 * column" (exceljs's writer drops rows without values, so the styled rows are written into the sheet XML here,
 * streamed through deflate at level 1: 1,000,051 rows make a file of about 23 MB, unpacking to about 210 MB; level 6
 * took 7.5 CPU-s to write it, level 1 3.2 s, and the reader does the same work for either).
 */
export async function styledWorkbook(dataRows: number, styledTo: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('客户台账');
  const style: Partial<ExcelJS.Style> = { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } }, border: { bottom: { style: 'thin' } } };
  for (const r of clientRows(dataRows - 1)) ws.addRow(r).eachCell((c) => (c.style = style));
  const base = Buffer.from(await wb.xlsx.writeBuffer());
  const entries = unzipEntries(base);
  const sheet = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
  const xml = sheet.data.toString('utf8');
  const s = /<c r="A1" s="(\d+)"/.exec(xml)?.[1] ?? '1';
  const cut = xml.indexOf('</sheetData>');
  const parts = [Buffer.from(xml.slice(0, cut), 'utf8')];
  const tail = Buffer.from(xml.slice(cut), 'utf8');
  const cols = 'ABCDEFGH';
  const packed: Buffer[] = [];
  const deflate = zlib.createDeflateRaw({ level: 1 });
  deflate.on('data', (b: Buffer) => packed.push(b));
  const ended = new Promise((r) => deflate.on('end', r));
  let crc = 0;
  let size = 0;
  const write = (b: Buffer) => new Promise<void>((r) => {
    crc = zlib.crc32(b, crc);
    size += b.length;
    deflate.write(b, () => r());
  });
  await write(parts[0]);
  for (let from = dataRows + 1; from <= styledTo; from += 10_000) {
    let chunk = '';
    for (let r = from; r < Math.min(from + 10_000, styledTo + 1); r++) {
      chunk += `<row r="${r}" spans="1:8">`;
      for (const c of cols) chunk += `<c r="${c}${r}" s="${s}"/>`;
      chunk += '</row>';
    }
    await write(Buffer.from(chunk, 'utf8'));
  }
  await write(tail);
  deflate.end();
  await ended;
  return zipOf(entries.map((e) => (e === sheet ? { name: e.name, data: Buffer.alloc(0), packed: { bytes: Buffer.concat(packed), crc, size } } : e)));
}

/** The entries of a zip (read from its central directory, deflated or stored). */
export function unzipEntries(b: Buffer): Array<{ name: string; data: Buffer }> {
  let eocd = b.length - 22;
  while (eocd > 0 && b.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  const out: Array<{ name: string; data: Buffer }> = [];
  for (let n = 0; n < count; n++) {
    const method = b.readUInt16LE(p + 10);
    const packed = b.readUInt32LE(p + 20);
    const nameLen = b.readUInt16LE(p + 28);
    const skip = nameLen + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
    const name = b.toString('utf8', p + 46, p + 46 + nameLen);
    const local = b.readUInt32LE(p + 42);
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    const raw = b.subarray(start, start + packed);
    out.push({ name, data: method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw) });
    p += 46 + skip;
  }
  return out;
}

/** A zip of `entries` (deflated), written by hand: for files no spreadsheet program would write. */
export function zipOf(entries: Array<{ name: string; data: Buffer; packed?: { bytes: Buffer; crc: number; size: number } }>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const packed = e.packed?.bytes ?? zlib.deflateRawSync(e.data);
    const name = Buffer.from(e.name, 'utf8');
    const crc = e.packed?.crc ?? zlib.crc32(e.data);
    const unpacked = e.packed?.size ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(unpacked, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(unpacked, 24);
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
