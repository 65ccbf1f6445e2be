/**
 * Checks an .xlsx (a zip) before it is unpacked, from its central directory: refuses zip bombs (declared unpacked
 * size over {@link MAX_UNPACKED_BYTES}, more than {@link MAX_ENTRIES} entries, or an entry unpacking more than
 * {@link MAX_RATIO} times its packed size), Zip64 archives (no real workbook needs one) and Excel binary workbooks
 * (.xlsb: `xl/workbook.bin`). A crafted directory may lie about sizes, so the unpacking itself runs in a worker thread
 * with a memory limit (worker.ts): a lying bomb ends that worker, not the app.
 */
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';

/** Largest total unpacked size accepted: 400 MB (a 50,000-row sheet with styles is well under 100 MB). */
export const MAX_UNPACKED_BYTES = 400 * 1024 * 1024;
const MAX_ENTRIES = 10_000;
/** XML compresses about 10–50× (styled-but-empty rows included). Above this an entry is a bomb. */
const MAX_RATIO = 200;

const tooBig = () => AppError.of('BAD_FILE', msg('file_too_big_expanded', { limitMb: MAX_UNPACKED_BYTES / 1024 / 1024 }));

/**
 * Validates the zip's central directory.
 * @param b the whole file (starts with PK\x03\x04)
 * @returns the entry names
 * @throws AppError('BAD_FILE') with code file_too_big_expanded, file_xlsb or file_corrupt
 */
export function checkZip(b: Buffer): string[] {
  const corrupt = () => AppError.of('BAD_FILE', msg('file_corrupt'));
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65_535); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt();
  const count = b.readUInt16LE(eocd + 10);
  const dirOffset = b.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw tooBig();
  if (count > MAX_ENTRIES) throw tooBig();
  const names: string[] = [];
  let total = 0;
  let p = dirOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) throw corrupt();
    const packed = b.readUInt32LE(p + 20);
    const unpacked = b.readUInt32LE(p + 24);
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    if (packed === 0xffffffff || unpacked === 0xffffffff) throw tooBig();
    total += unpacked;
    if (total > MAX_UNPACKED_BYTES || (unpacked > 1_000_000 && unpacked > packed * MAX_RATIO)) throw tooBig();
    names.push(b.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  if (names.includes('xl/workbook.bin')) throw AppError.of('BAD_FILE', msg('file_xlsb'));
  return names;
}
