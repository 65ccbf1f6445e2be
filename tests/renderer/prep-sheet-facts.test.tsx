/**
 * The printed prep sheet shows what the app knows: the stage, each failing eligibility condition with its value and
 * each open 需补正 item with its note (red); a missing inspection address is a red "未填写" like other missing fields.
 */
import { describe, expect, it, afterEach } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import type { Envelope, Method, Out } from '../../shared/contract';
import type { Inspection } from '../../shared/contracts/inspections';
import { setTransport } from '../../renderer/src/api';
import { InspectionSheetView } from '../../renderer/src/print/InspectionSheetView';

const inspection: Inspection = {
  id: 7, clientId: 3, date: '2026-11-28', time: '09:00', address: null, authorityPeople: null,
  attendees: [{ role: 'tech_lead', name: '张伟', phone: '13800000001' }],
  consultantName: '白顾问', consultantPhone: null, equipmentList: null, notes: null, outcome: null, outcomeNotes: null,
  expectedIssueDate: null, expectedIssueMissingYears: [], items: [], readiness: { done: 0, total: 0, percent: 0, open: [] },
  createdAt: '2026-11-27T02:00:00.000Z', updatedAt: '2026-11-27T02:00:00.000Z',
};
const data: Out<'inspections.sheets'> = {
  printedOn: '2026-11-27',
  sheets: [{
    inspection,
    client: { id: 3, name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市', district: null, address: null, legalRep: null, platformName: '晋祠兴', domain: 'jcx.cn', icpFilingNo: '晋ICP备2023001234号-1', serverLocation: '阿里云' },
    hosting: null, originals: [], stage: 'site_inspection',
    eligibilityFailures: [{ key: 'premises', no: 5, condition: '固定办公场所≥50㎡、消防备案、基础设备（电脑、服务器、防火墙）', text: '办公面积 45 ㎡ < 50 ㎡（最低要求）' }],
    pitfalls: [],
    corrections: [{ itemKey: 'A02', title: '营业执照副本复印件', note: '复印件不清晰' }],
  }],
};

describe('prep sheet print: facts the app knows', () => {
  afterEach(() => setTransport(null));

  it('shows stage, 办公面积 45 ㎡ < 50 ㎡ and the 需补正 item in red, and a missing address as red 未填写', async () => {
    setTransport(async (method: Method): Promise<Envelope<unknown>> => ({ ok: true, value: method === 'inspections.sheets' ? data : null }));
    render(<InspectionSheetView params={new URLSearchParams('ids=7')} onReady={() => {}} />);
    await waitFor(() => expect(screen.getByTestId('sheet-alerts')).toBeTruthy());
    expect(screen.getByTestId('sheet-stage').textContent).toBe('5. 现场核查');
    const fail = document.querySelector('[data-fail="premises"]')!;
    expect(fail.textContent).toBe('资质不符合（5. 固定办公场所≥50㎡、消防备案、基础设备（电脑、服务器、防火墙））：办公面积 45 ㎡ < 50 ㎡（最低要求）');
    expect(fail.className).toBe('red');
    const corr = document.querySelector('[data-correction="A02"]')!;
    expect(corr.textContent).toBe('需补正：A02 营业执照副本复印件——复印件不清晰');
    expect(corr.className).toBe('red');
    const addressCell = screen.getByText('核查地址', { selector: 'th' }).nextElementSibling!;
    expect(addressCell.innerHTML).toBe('<span class="red">未填写</span>');
  });

  it('a pitfall the 资质评估 tab warns about (the lease address differs) is in the alerts row, in red, even with nothing else to settle', async () => {
    const text = '租赁合同地址“太原市小店区长治路111号”与登记地址“太原市迎泽区迎泽大街100号5层”不一致：材料必须真实，伪造材料将被驳回且3年内不得再申请';
    const only = { ...data, sheets: [{ ...data.sheets[0], eligibilityFailures: [], corrections: [], pitfalls: [{ key: 'forged_materials', code: 'lease_address_differs', text }] }] };
    setTransport(async (): Promise<Envelope<unknown>> => ({ ok: true, value: only }));
    render(<InspectionSheetView params={new URLSearchParams('ids=7')} onReady={() => {}} />);
    await waitFor(() => expect(screen.getByTestId('sheet-alerts')).toBeTruthy());
    const line = document.querySelector('[data-pitfall="lease_address_differs"]')!;
    expect(line.textContent).toBe(`风险提示：${text}`);
    expect(line.className).toBe('red');
  });

  it('no alerts row when nothing fails and nothing awaits correction', async () => {
    const clean = { ...data, sheets: [{ ...data.sheets[0], eligibilityFailures: [], corrections: [] }] };
    setTransport(async (): Promise<Envelope<unknown>> => ({ ok: true, value: clean }));
    render(<InspectionSheetView params={new URLSearchParams('ids=7')} onReady={() => {}} />);
    await waitFor(() => expect(screen.getByTestId('sheet-stage')).toBeTruthy());
    expect(screen.queryByTestId('sheet-alerts')).toBeNull();
  });
});
