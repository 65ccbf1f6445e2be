/**
 * PDF facts of attachments (issue 18): pages are counted whether the page objects are plain or inside compressed
 * object streams (PDF 1.5+, as Office, Acrobat and pdf-lib write them by default), and such a file is not "damaged".
 */
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { inspectFile } from '../../shared/domain/attachments';

async function pdf(pages: number, useObjectStreams: boolean): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595.28, 841.89]).drawText(`p${i + 1}`, { x: 50, y: 700 });
  return doc.save({ useObjectStreams });
}

describe('inspectFile: PDF pages', () => {
  it('counts pages inside compressed object streams (3 pages) and does not call the file damaged', async () => {
    const bytes = await pdf(3, true);
    expect(new TextDecoder('latin1').decode(bytes)).toContain('/ObjStm'); // the case under test
    expect(inspectFile('合同.pdf', bytes)).toMatchObject({ kind: 'pdf', pages: 3, pdfProblem: null });
  });
  it('counts plain page objects (2 pages)', async () => {
    expect(inspectFile('合同.pdf', await pdf(2, false))).toMatchObject({ kind: 'pdf', pages: 2, pdfProblem: null });
  });
  it('a PDF cut short (no end marker) is damaged', async () => {
    const bytes = await pdf(2, true);
    expect(inspectFile('合同.pdf', bytes.subarray(0, bytes.length - 200)).pdfProblem).toBe('damaged');
  });
});
