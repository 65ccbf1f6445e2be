/**
 * Drops styled-but-empty rows from an .xlsx before exceljs parses it: a sheet formatted down to row 1,000,051 has a
 * million `<row>` elements whose cells carry a style and no value, and exceljs spends ~0.1 ms on each. Each worksheet
 * is inflated as a stream and every row without a value (self-closing, or holding only empty cells) is cut out with
 * one regular expression per chunk; the workbook is then re-zipped (other entries copied as they were, the slimmed
 * sheets stored uncompressed). Row numbers are kept (`r` attributes), so sheet rows stay what the user sees.
 *
 * The re-zipped workbook also puts the worksheets last, after the workbook, its relationships and the shared strings
 * (an empty shared-strings part or relationships part is added when the file has none). exceljs's streaming reader
 * copies every worksheet that comes before those parts into a temporary file of the system's temp folder and reads it
 * back later: the client data then lay unencrypted in /tmp (never removed when the reader stopped early or its thread
 * ended), and the import depended on that folder being writable.
 */
import zlib from 'node:zlib';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { MAX_UNPACKED_BYTES } from './zip-check';

interface Entry { name: string; method: number; crc: number; packed: Buffer; size: number }

/** A row without any value: `<row …/>`, or `<row …>` holding only `<c …/>` / `<c …></c>` cells. */
const EMPTY_ROW = /<row\b[^>]*\/>|<row\b[^>]*>(?:\s*<c\b[^>]*?(?:\/>|>\s*<\/c>))*\s*<\/row>/g;

/** A worksheet part (xl/worksheets/sheet1.xml …). */
const isSheet = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/.test(name);

function entries(b: Buffer): Entry[] {
  let eocd = b.length - 22;
  while (eocd > 0 && b.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  const out: Entry[] = [];
  for (let n = 0; n < count; n++) {
    const nameLen = b.readUInt16LE(p + 28);
    const local = b.readUInt32LE(p + 42);
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    const packedSize = b.readUInt32LE(p + 20);
    out.push({
      name: b.toString('utf8', p + 46, p + 46 + nameLen), method: b.readUInt16LE(p + 10), crc: b.readUInt32LE(p + 16),
      packed: b.subarray(start, start + packedSize), size: b.readUInt32LE(p + 24),
    });
    p += 46 + nameLen + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  return out;
}

/** Inflates one worksheet and removes its empty rows; `onBytes` gets the packed bytes consumed so far. */
async function slimSheet(e: Entry, onBytes: (n: number) => void): Promise<Buffer> {
  const kept: string[] = [];
  let carry = '';
  let total = 0;
  const decoder = new TextDecoder('utf-8');
  const take = (text: string, final: boolean) => {
    const s = carry + text;
    const cut = final ? s.length : s.lastIndexOf('<row');
    if (cut <= 0) {
      carry = s;
      return;
    }
    kept.push(s.slice(0, cut).replace(EMPTY_ROW, ''));
    carry = s.slice(cut);
  };
  const inflate = e.method === 8 ? zlib.createInflateRaw() : null;
  if (!inflate) {
    take(decoder.decode(e.packed), true);
    return Buffer.from(kept.join(''), 'utf8');
  }
  const done = new Promise<void>((resolve, reject) => {
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > MAX_UNPACKED_BYTES) inflate.destroy(AppError.of('BAD_FILE', msg('file_too_big_expanded', { limitMb: MAX_UNPACKED_BYTES / 1024 / 1024 })));
      else take(decoder.decode(chunk, { stream: true }), false);
    });
    inflate.on('end', () => resolve());
    inflate.on('error', reject);
  });
  const step = 1 << 20;
  for (let i = 0; i < e.packed.length; i += step) {
    const ok = inflate.write(e.packed.subarray(i, i + step));
    onBytes(i);
    if (!ok) await new Promise((r) => inflate.once('drain', r));
  }
  inflate.end();
  await done;
  take(decoder.decode(), true);
  return Buffer.from(kept.join(''), 'utf8');
}

/**
 * The workbook without its empty rows (see the module comment).
 * @param bytes an .xlsx that passed checkZip
 * @param onBytes progress: packed bytes of the file read so far
 * @throws AppError('BAD_FILE') file_too_big_expanded when a sheet unpacks beyond the limit; zlib errors for damage
 */
export async function slimXlsx(bytes: Buffer, onBytes: (n: number) => void = () => undefined): Promise<Buffer> {
  const list = entries(bytes);
  const out: Array<Entry & { data?: Buffer }> = [];
  let done = 0;
  for (const e of list) {
    if (isSheet(e.name)) {
      const data = await slimSheet(e, (n) => onBytes(done + n));
      out.push({ ...e, method: 0, crc: zlib.crc32(data), packed: data, size: data.length });
    } else out.push(e);
    done += e.packed.length;
    onBytes(done);
  }
  return zip(sheetsLast(out));
}

/** Parts exceljs must have read before a worksheet to parse it from the stream, with an empty stand-in for each. */
const NEEDED_FIRST: ReadonlyArray<{ name: string; empty: string }> = [
  { name: 'xl/_rels/workbook.xml.rels', empty: '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>' },
  { name: 'xl/sharedStrings.xml', empty: '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>' },
];

/**
 * The entries with every worksheet moved after all other parts (their order otherwise kept), and an empty
 * relationships / shared-strings part added when missing, so exceljs streams each sheet instead of spilling it to a
 * temporary file (see the module comment).
 */
function sheetsLast(list: Entry[]): Entry[] {
  const names = new Set(list.map((e) => e.name));
  const added: Entry[] = NEEDED_FIRST.filter((p) => !names.has(p.name)).map((p) => {
    const data = Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${p.empty}`, 'utf8');
    return { name: p.name, method: 0, crc: zlib.crc32(data), packed: data, size: data.length };
  });
  return [...list.filter((e) => !isSheet(e.name)), ...added, ...list.filter((e) => isSheet(e.name))];
}

function zip(list: Entry[]): Buffer {
  const parts: Buffer[] = [];
  const dir: Buffer[] = [];
  let offset = 0;
  for (const e of list) {
    const name = Buffer.from(e.name, 'utf8');
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(e.method, 8);
    h.writeUInt32LE(e.crc, 14);
    h.writeUInt32LE(e.packed.length, 18);
    h.writeUInt32LE(e.size, 22);
    h.writeUInt16LE(name.length, 26);
    const d = Buffer.alloc(46);
    d.writeUInt32LE(0x02014b50, 0);
    d.writeUInt16LE(20, 4);
    d.writeUInt16LE(20, 6);
    d.writeUInt16LE(e.method, 10);
    d.writeUInt32LE(e.crc, 16);
    d.writeUInt32LE(e.packed.length, 20);
    d.writeUInt32LE(e.size, 24);
    d.writeUInt16LE(name.length, 28);
    d.writeUInt32LE(offset, 42);
    parts.push(h, name, e.packed);
    dir.push(d, name);
    offset += 30 + name.length + e.packed.length;
  }
  const cd = Buffer.concat(dir);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(list.length, 8);
  end.writeUInt16LE(list.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}
