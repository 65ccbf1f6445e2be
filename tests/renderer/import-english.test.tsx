/**
 * Issue 13 §3: in the English UI, service errors and import reasons are rendered from their code and params (not the
 * server's Chinese text): the duplicate-USCC error on the client form, and the reasons in the import preview and result.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import i18n from '../../renderer/src/i18n/index';
import type { Envelope, ImportPreview, ImportReason, ImportResult } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { msg, zhText, type Message } from '../../shared/messages';
import { setTransport } from '../../renderer/src/api';
import { ClientForm } from '../../renderer/src/components/ClientForm';
import { ImportPage } from '../../renderer/src/pages/ImportPage';
import { useImportStore } from '../../renderer/src/stores/import-store';

const reason = (m: Message): ImportReason => ({ code: m.code, params: m.params, text: zhText(m) });
const HAN = /[\u4e00-\u9fff]/;

beforeEach(async () => {
  await i18n.changeLanguage('en');
});
afterEach(async () => {
  setTransport(null);
  useImportStore.getState().reset();
  await i18n.changeLanguage('zh-CN');
});

describe('English UI', () => {
  it('shows the duplicate-USCC error in English', async () => {
    const m = msg('uscc_exists', { name: '太原晋祠兴旅游服务有限公司' });
    // The payload exactly as db/service/clients.ts assertUniqueUscc builds it.
    const payload = AppError.of('CONFLICT', m, { fields: [{ path: 'client.uscc', message: zhText(m), key: m.code, params: m.params }], clientId: 7 }).toPayload();
    setTransport(async () => ({ ok: false, error: payload }) as Envelope<unknown>);
    render(<ClientForm initial={null} onSaved={vi.fn()} onCancel={vi.fn()} />);
    const type = (id: string, value: string) => fireEvent.change(screen.getByTestId(id), { target: { value } });
    type('cf-name', '太原晋祠兴旅游服务有限公司');
    type('cf-uscc', '91140106MA1QN6K440');
    type('cf-city', '太原市');
    await act(async () => fireEvent.click(screen.getByTestId('cf-submit')));
    await waitFor(() => expect(screen.getAllByText('A client with this USCC already exists: 太原晋祠兴旅游服务有限公司').length).toBeGreaterThan(0));
    expect(screen.queryByText(/统一社会信用代码已存在/)).toBeNull();
  });

  it('shows import reasons and the result in English', async () => {
    const capital = reason(msg('reason_bad_value', { column: '注册资本', detail: msg('capital_unreadable', { value: '约五百万' }) }));
    const long = reason(msg('reason_name_too_long', { length: 200, start: '山'.repeat(20) }));
    const dup = reason(msg('reason_duplicate_in_file', { row: 2 }));
    const values = { name: '山西晋通科技有限公司', uscc: '91140106MA1QN6K440', city: '太原市' };
    const preview: ImportPreview = {
      fileName: 'a.csv', sheetName: null, encoding: 'utf-8', headerRow: 1, headers: ['公司名称', '统一社会信用代码', '所在城市', '注册资本', '邮编'],
      mapping: { name: 0, uscc: 1, city: 2, capital: 3 }, mappingSource: 'detected', ignore: [],
      columns: [
        { index: 0, letter: 'A', header: '公司名称', destination: 'field', field: 'name' },
        { index: 1, letter: 'B', header: '统一社会信用代码', destination: 'field', field: 'uscc' },
        { index: 2, letter: 'C', header: '所在城市', destination: 'field', field: 'city' },
        { index: 3, letter: 'D', header: '注册资本', destination: 'field', field: 'capital' },
        { index: 4, letter: 'E', header: '邮编', destination: 'extra', field: null },
      ],
      rows: [
        { sheetRow: 2, seq: null, outcome: 'flagged', flags: ['bad_value'], reasons: [capital], canForce: true, duplicateOf: null, values, extra: [{ label: '邮编', value: '030600' }] },
        { sheetRow: 3, seq: null, outcome: 'flagged', flags: ['name_too_long'], reasons: [long], canForce: false, duplicateOf: null, values: {}, extra: [] },
        { sheetRow: 4, seq: null, outcome: 'duplicate', flags: ['duplicate_in_file'], reasons: [dup], canForce: false, duplicateOf: 2, values, extra: [] },
      ],
      summary: { total: 3, import: 0, flagged: 2, duplicate: 1, extraValues: 0 },
    };
    const result: ImportResult = { imported: 1, extraValues: 1, clientIds: [1], skipped: [{ sheetRow: 3, seq: null, reasons: [long] }, { sheetRow: 4, seq: null, reasons: [dup] }] };
    setTransport(async (method) => {
      if (method === 'import.preview') return { ok: true, value: preview };
      if (method === 'import.commit') return { ok: true, value: result };
      return { ok: true, value: { state: 'unknown', bytesRead: 0, totalBytes: 0, rows: 0 } };
    });
    render(<ImportPage />);
    await act(async () => useImportStore.getState().loadData({ fileName: 'a.csv', dataBase64: 'YQ==', size: 1 }));
    const row2 = await screen.findByTestId('import-row-2');
    expect(row2.textContent).toContain('Column “注册资本”: Unrecognised registered capital “约五百万” (write an amount such as “500万元” or “5000000”); this value will be left empty');
    expect(screen.getByTestId('import-row-3').textContent).toContain('Name too long: the company name has 200 characters');
    expect(screen.getByTestId('import-row-4').textContent).toContain('Same USCC as row 2');
    expect(screen.getByTestId('import-table').textContent).not.toMatch(/无法识别|名称过长|统一社会信用代码相同/);
    expect(screen.getByTestId('import-columns').textContent).toContain('Other information');

    fireEvent.click(screen.getByTestId('import-force-2'));
    await act(async () => useImportStore.getState().commit());
    const res = await screen.findByTestId('import-result');
    expect(screen.getByTestId('import-extra-values').textContent).toBe('1 more value without a matching field was kept in the clients’ “Other information”');
    expect(screen.getByTestId('import-skipped-3').textContent).toContain('Name too long');
    expect(res.textContent?.replace(/[“”][^“”]*[“”]/g, '')).not.toMatch(HAN);
  });
});
