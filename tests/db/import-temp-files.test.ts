import fs from 'node:fs';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTable } from '../../db/import/read-table';
import { commitImport, previewImport } from '../../db/service/import';
import { testContext } from '../helpers/context';
import { testTempDir } from '../helpers/temp-dirs';

/**
 * Reading an .xlsx never writes the client data to the system's temp folder. exceljs's streaming reader copies a
 * worksheet it meets before the workbook's shared strings and relationships into a temporary file (package `tmp`), and
 * the sample register is laid out that way (sheet1.xml, then sharedStrings.xml, workbook.xml last): every import left a
 * copy of the client sheet in /tmp. db/import/xlsx-slim.ts now puts the worksheets last.
 */
const SAMPLE = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/客户台账.xlsx'));

/** Zip entry names in file order (local headers). */
function entryOrder(bytes: Buffer): string[] {
  const names: string[] = [];
  for (let p = bytes.indexOf('PK\x03\x04'); p >= 0; p = bytes.indexOf('PK\x03\x04', p + 4)) {
    names.push(bytes.toString('utf8', p + 30, p + 30 + bytes.readUInt16LE(p + 26)));
  }
  return names;
}

/** A workbook with inline strings and no shared-strings part, its sheet stored before the workbook part. */
function inlineStringWorkbook(): Buffer {
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  return Buffer.from(zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'),
    'xl/worksheets/sheet1.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${ns}"><sheetData><row r="1">${cell('A1', '公司名称')}${cell('B1', '城市')}</row><row r="2">${cell('A2', '阳泉甲公司')}${cell('B2', '阳泉')}</row></sheetData></worksheet>`),
    'xl/_rels/workbook.xml.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    'xl/workbook.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>`),
  }));
}

describe('reading an .xlsx leaves nothing in the temp folder', () => {
  let tmp = '';
  const saved = process.env.TMPDIR;
  beforeEach(() => {
    tmp = testTempDir('icpdesk-tmpdir-');
    process.env.TMPDIR = tmp; // os.tmpdir() reads it on every call, as the `tmp` package does
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('the sample register (its sheet stored before the shared strings): preview and commit read it from the stream', async () => {
    expect(entryOrder(SAMPLE).indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(entryOrder(SAMPLE).indexOf('xl/sharedStrings.xml'));
    const ctx = testContext();
    const file = { fileName: '客户台账.xlsx', dataBase64: SAMPLE.toString('base64') };
    const p = await previewImport(ctx, { ...file, mapping: null });
    expect(p.sheetName).toBe('客户台账');
    expect(p.summary.total).toBe(38);
    const r = await commitImport(ctx, { ...file, mapping: p.mapping, force: [] });
    expect(r.imported).toBe(33);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it('a workbook with inline strings and no shared-strings part keeps its sheet name and rows', async () => {
    const t = await readTable('台账.xlsx', inlineStringWorkbook());
    expect(t.sheetName).toBe('台账');
    expect(t.rows).toEqual([['公司名称', '城市'], ['阳泉甲公司', '阳泉']]);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });
});
