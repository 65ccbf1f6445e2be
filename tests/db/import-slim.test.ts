import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../db/import/read-table';
import { slimXlsx } from '../../db/import/xlsx-slim';
import { unzipEntries } from '../helpers/workbooks';

/**
 * xlsx-slim.ts drops styled-but-empty rows before exceljs parses a sheet: long stretches of them as bytes (never
 * decoded), the rest by a regular expression. Whatever way a row is dropped, the slimmed sheet must be the original
 * with exactly the value-less rows removed — rows holding a value, an inline string or only a formula kept byte for
 * byte, and what follows the rows (merged cells, page breaks: `<rowBreaks` also starts with `<row`) untouched.
 */
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}"><dimension ref="A1:C40001"/><sheetData>`;
const TAIL = '</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells><rowBreaks count="1" manualBreakCount="1"><brk id="5" max="16383" man="1"/></rowBreaks></worksheet>';
const text = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;

/** Empty rows as Excel writes them after "format the whole column": styled cells, self-closing or with an empty body. */
function emptyRow(r: number): string {
  if (r % 7 === 0) return `<row r="${r}" spans="1:3" s="1" customFormat="1"/>`;
  return `<row r="${r}" spans="1:3"><c r="A${r}" s="1"/><c r="B${r}" s="1"></c><c r="C${r}" s="2"/></row>`;
}

/** The sheet (with its value rows at 1, 2, 20001 and 40001; every other row to 40001 styled and empty) and what slimming must leave. */
function sheet(): { xml: string; expected: string } {
  const kept = new Map<number, string>([
    [1, `<row r="1" spans="1:3">${text('A1', '公司名称')}${text('B1', '所在城市')}<c r="C1" s="1"/></row>`],
    [2, `<row r="2" spans="1:3">${text('A2', '太原甲科技有限公司')}<c r="B2" t="s" s="1"><v>0</v></c></row>`],
    [20001, '<row r="20001"><c r="A20001"><f>1+1</f></c></row>'],
    [40001, `<row r="40001" spans="1:3">${text('A40001', '阳泉乙科技有限公司')}${text('B40001', '阳泉市')}</row>`],
  ]);
  const parts: string[] = [];
  for (let r = 1; r <= 40001; r++) parts.push(kept.get(r) ?? emptyRow(r));
  return { xml: HEAD + parts.join('') + TAIL, expected: HEAD + [...kept.values()].join('') + TAIL };
}

function workbook(sheetXml: string): Buffer {
  return Buffer.from(zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'),
    'xl/workbook.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    'xl/sharedStrings.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}" count="1" uniqueCount="1"><si><t>太原市</t></si></sst>`),
    'xl/worksheets/sheet1.xml': strToU8(sheetXml),
  }, { level: 6 }));
}

describe('slimming a workbook styled far below its data', () => {
  const { xml, expected } = sheet();
  const file = workbook(xml);

  it('leaves the sheet without its 39,997 empty rows, every other byte as it was', async () => {
    expect(xml.length).toBeGreaterThan(3_000_000); // many inflate chunks, so row stretches are cut at chunk ends too
    const slim = unzipEntries(await slimXlsx(file));
    expect(slim.find((e) => e.name === 'xl/worksheets/sheet1.xml')!.data.toString('utf8')).toBe(expected);
    expect(slim.find((e) => e.name === 'xl/sharedStrings.xml')!.data.toString('utf8')).toContain('<t>太原市</t>');
  });

  it('reads the values at their sheet rows', async () => {
    const table = await readTable('台账.xlsx', file);
    expect(table.sheetName).toBe('台账');
    expect(table.rows.length).toBe(40001);
    expect(table.rows[0]).toEqual(['公司名称', '所在城市']);
    expect(table.rows[1]).toEqual(['太原甲科技有限公司', '太原市']);
    expect(table.rows[40000]).toEqual(['阳泉乙科技有限公司', '阳泉市']);
    expect(table.rows.slice(2, 40000).every((r) => r.length === 0)).toBe(true);
  });
});
