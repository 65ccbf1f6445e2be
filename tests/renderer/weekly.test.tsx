import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Envelope, Method } from '../../shared/contract';
import { isoWeekFromId } from '../../shared/domain/weeks';
import { DEFAULT_MATERIAL_TEMPLATE } from '../../shared/domain/materials';
import { buildClientWeekSummary } from '../../shared/reports/weekly-build';
import { rollupRowOf } from '../../shared/reports/weekly-rollup';
import { weeklyClientText } from '../../shared/reports/weekly-text';
import type { ClientWeekSummary, WeeklyRollup } from '../../shared/reports/weekly-model';
import { setTransport } from '../../renderer/src/api';
import { ClientWeekPanel } from '../../renderer/src/pages/weekly/ClientWeekPanel';
import { clientPrintHash, rollupPrintHash } from '../../renderer/src/pages/weekly/export-links';
import { WeekPicker } from '../../renderer/src/pages/weekly/WeekPicker';
import { RollupPanel } from '../../renderer/src/pages/weekly/RollupPanel';
import { useAppStore } from '../../renderer/src/stores/app-store';
import i18n from '../../renderer/src/i18n';
import weeklyRes from '../../renderer/src/i18n/resources/weekly';
import { weekRelation } from '../../shared/domain/weeks';
import { deadlineWhat } from '../../shared/reports/weekly-labels';
import { headlineChangesText, milestoneText, upcomingWhatText } from '../../renderer/src/pages/weekly/rollup-text';

/** The print-route pattern the Electron host accepts (electron/host-ipc.ts, PrintRoute.hash). */
const ELECTRON_PRINT_ROUTE = /^#\/print\/[\w\-/?=&,.%]*$/;

function summary(nextSteps: { body: string; updatedAt: string } | null): ClientWeekSummary {
  return buildClientWeekSummary({
    week: isoWeekFromId('2026-W48'),
    generatedOn: '2026-11-27',
    asOf: '2026-11-27',
    client: { id: 5, name: '晋中重工源装备科技有限公司', uscc: '91140702MA6A20M59M', city: '晋中市', consultant: '路顾问' },
    stage: 'materials',
    events: [],
    notes: [{ id: 1, date: '2026-11-25', body: '材料已初审通过' }],
    materials: DEFAULT_MATERIAL_TEMPLATE.map((m, i) => ({ itemKey: m.key, title: m.title, sort: i, status: m.key === 'D02' ? 'correction' as const : 'missing' as const, dueDate: null, note: m.key === 'D02' ? '需加盖公章' : null })),
    upcoming: [
      { clientId: 5, date: '2026-11-20', source: 'material', sourceLabel: '材料截止', title: '营业执照副本复印件', detail: null, time: null, overdueDays: 7, dayMark: null, ref: { kind: 'material', itemKey: 'A02', title: '营业执照副本复印件' } },
      { clientId: 5, date: '2026-12-01', source: 'inspection', sourceLabel: '现场核查', title: '现场核查', detail: null, time: '14:30', overdueDays: 0, dayMark: null, ref: null },
    ],
    nextSteps,
  });
}

function fakeApi() {
  const calls: Array<{ method: Method; input: Record<string, unknown> }> = [];
  let saved: { body: string; updatedAt: string } | null = null;
  setTransport(async (method, input): Promise<Envelope<unknown>> => {
    const i = input as Record<string, unknown>;
    calls.push({ method, input: i });
    if (method === 'weekly.client') return { ok: true, value: summary(saved) };
    if (method === 'weekly.setNextSteps') {
      saved = i.body ? { body: String(i.body), updatedAt: '2026-11-27T03:00:00.000Z' } : null;
      return { ok: true, value: { clientId: 5, week: '2026-W48', body: saved?.body ?? null, updatedAt: saved?.updatedAt ?? null } };
    }
    if (method === 'weekly.rollup') {
      const s = summary(saved);
      const r: WeeklyRollup = {
        week: s.week, generatedOn: s.generatedOn, filters: { city: null, stage: null, consultant: null }, sort: 'city', dir: 'asc',
        rows: [rollupRowOf(s)], totals: { active: 1, shown: 1, noNote: 0 }, consultants: ['路顾问'],
      };
      return { ok: true, value: r };
    }
    return { ok: false, error: { code: 'UNKNOWN_METHOD', message: method } };
  });
  return calls;
}

describe('weekly page pieces (renderer)', () => {
  it('print routes stay within what the Electron host accepts, whatever the filter values', () => {
    const hash = rollupPrintHash('2026-W48', { city: '太原市', stage: 'materials', consultant: "Li Lei (兼)~'*!", sort: 'nextDeadline', dir: 'desc' });
    expect(hash).toMatch(ELECTRON_PRINT_ROUTE);
    const params = new URLSearchParams(hash.split('?')[1]);
    expect(Object.fromEntries(params)).toEqual({ week: '2026-W48', city: '太原市', stage: 'materials', consultant: "Li Lei (兼)~'*!", sort: 'nextDeadline', dir: 'desc' });
    expect(rollupPrintHash('2026-W01', { city: null, stage: null, consultant: null, sort: 'city', dir: 'asc' })).toBe('#/print/weekly-rollup?week=2026-W01&sort=city&dir=asc');
    expect(clientPrintHash(12, '2026-W48')).toBe('#/print/weekly-client?clientId=12&week=2026-W48');
  });

  it('client week: next steps edits hold the exports until saved; the chat text is the shared rendering', async () => {
    const calls = fakeApi();
    render(<ClientWeekPanel clientId={5} week="2026-W48" />);
    await waitFor(() => expect(screen.getByTestId('weekly-client-sheet')).toBeTruthy());
    expect(screen.getByTestId('weekly-client-name').textContent).toBe('晋中重工源装备科技有限公司');
    const input = screen.getByTestId('next-steps-input') as HTMLTextAreaElement;
    expect(input.value).toBe(summary(null).nextSteps.text); // the suggestion
    expect(screen.getByTestId('next-steps-state').textContent).toBe('当前为系统建议（尚未保存）');
    expect((screen.getByTestId('client-pdf') as HTMLButtonElement).disabled).toBe(false);

    fireEvent.change(input, { target: { value: '下周一提交消防证明' } });
    expect((screen.getByTestId('client-pdf') as HTMLButtonElement).disabled).toBe(true);
    await act(async () => { fireEvent.click(screen.getByTestId('next-steps-save')); });
    await waitFor(() => expect(screen.getByTestId('sheet-next-steps').textContent).toBe('下周一提交消防证明'));
    expect(calls.find((c) => c.method === 'weekly.setNextSteps')?.input).toEqual({ clientId: 5, week: '2026-W48', body: '下周一提交消防证明' });
    expect((screen.getByTestId('client-pdf') as HTMLButtonElement).disabled).toBe(false);

    fireEvent.click(screen.getByTestId('tab-weekly-chat'));
    expect((screen.getByTestId('chat-text') as HTMLTextAreaElement).value).toBe(weeklyClientText(summary({ body: '下周一提交消防证明', updatedAt: 'x' })));
    // Exports never write: the only writing call was the explicit save.
    expect(calls.filter((c) => !['weekly.client', 'weekly.rollup'].includes(c.method)).map((c) => c.method)).toEqual(['weekly.setNextSteps']);
  });

  it('the week picker says which week it is and why (roll-up: the Monday rule; a client: the current week)', () => {
    // Monday 2026-09-28: the roll-up opens week 39 (last week), a client's summary week 40 (this week).
    expect(weekRelation(isoWeekFromId('2026-W39'), '2026-09-28', 'rollup')).toEqual({ offset: -1, reason: 'monday' });
    expect(weekRelation(isoWeekFromId('2026-W40'), '2026-09-28', 'client')).toEqual({ offset: 0, reason: 'current' });
    expect(weekRelation(isoWeekFromId('2026-W40'), '2026-09-28', 'rollup')).toEqual({ offset: 0, reason: null });
    expect(weekRelation(isoWeekFromId('2026-W37'), '2026-09-30', 'rollup')).toEqual({ offset: -3, reason: null });
    expect(weekRelation(isoWeekFromId('2026-W40'), '2026-09-30', 'rollup')).toEqual({ offset: 0, reason: 'current' });

    useAppStore.setState({ today: '2026-09-28' });
    const { rerender } = render(<WeekPicker week="2026-W39" onChange={() => undefined} />);
    expect(screen.getByTestId('week-relation').textContent).toBe('上周（本周一默认）');
    rerender(<WeekPicker week="2026-W40" onChange={() => undefined} mode="client" />);
    expect(screen.getByTestId('week-relation').textContent).toBe('本周（客户周报默认本周）');
    rerender(<WeekPicker week="2026-W37" onChange={() => undefined} />);
    expect(screen.getByTestId('week-relation').textContent).toBe('3周前');
  });

  it('English UI: week relation, roll-up columns for 需补正 and overdue (sortable), the overdue next deadline', async () => {
    await act(async () => { await i18n.changeLanguage('en'); });
    try {
      useAppStore.setState({ today: '2026-09-28' });
      const { unmount } = render(<WeekPicker week="2026-W39" onChange={() => undefined} />);
      expect(screen.getByTestId('week-relation').textContent).toBe('Last week (default on a Monday)');
      unmount();
      const calls = fakeApi();
      render(<RollupPanel week="2026-W48" />);
      await waitFor(() => expect(screen.getByTestId('rollup-table')).toBeTruthy());
      expect(screen.getByText('To correct')).toBeTruthy();
      expect(screen.getByText('Overdue')).toBeTruthy();
      expect(screen.getByTestId('rollup-row-corrections').textContent).toBe('1');
      expect(screen.getByTestId('rollup-row-overdue').textContent).toBe('1');
      expect(screen.getByTestId('rollup-row-next').textContent).toBe('11-20 Copy of the business licence (duplicate)7 days overdue');
      await act(async () => { fireEvent.click(screen.getByText('Overdue')); });
      await waitFor(() => expect(calls.filter((c) => c.method === 'weekly.rollup').some((c) => c.input.sort === 'overdue')).toBe(true));
    } finally {
      await act(async () => { await i18n.changeLanguage('zh-CN'); });
    }
  });

  it('the English strings of the weekly page are complete (same keys as Chinese, plurals aside)', () => {
    const keys = (o: object, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v as object, `${p}${k}.`) : [`${p}${k.replace(/_(one|other)$/, '')}`]));
    expect([...new Set(keys(weeklyRes.en))].sort()).toEqual([...new Set(keys(weeklyRes.zh))].sort());
  });
});

describe('roll-up cells from codes (headline of changes, milestone, next deadline) in the UI language', () => {
  /** Client 8: moved 材料准备 → 线上预申请 on 11-23, two items received, licence 晋B2-20260123 issued 11-25, a 补正 deadline on 12-04. */
  const licensed = buildClientWeekSummary({
    week: isoWeekFromId('2026-W48'), generatedOn: '2026-11-27', asOf: '2026-11-27',
    client: { id: 8, name: '太原云启科技有限公司', uscc: '91140100MA0K000008', city: '太原市', consultant: null },
    stage: 'pre_application',
    events: [
      { on: '2026-11-23', kind: 'stage', subject: null, subjectTitle: null, oldValue: 'materials', newValue: 'pre_application' },
      { on: '2026-11-24', kind: 'material.status', subject: 'A01', subjectTitle: '增值电信业务经营许可证申请表', oldValue: 'missing', newValue: 'received' },
      { on: '2026-11-24', kind: 'material.status', subject: 'A02', subjectTitle: '营业执照副本复印件', oldValue: 'missing', newValue: 'received' },
      { on: '2026-11-26', kind: 'material.status', subject: 'D02', subjectTitle: '企业信用信息公示报告', oldValue: 'submitted', newValue: 'missing' },
    ],
    notes: [],
    materials: DEFAULT_MATERIAL_TEMPLATE.map((m, i) => ({ itemKey: m.key, title: m.title, sort: i, status: ['A01', 'A02'].includes(m.key) ? 'received' as const : 'missing' as const, dueDate: null })),
    upcoming: [{
      clientId: 8, date: '2026-12-04', source: 'process', sourceLabel: '办理期限', title: '补正期限', detail: '企业信用信息公示报告', time: null, overdueDays: 0, dayMark: null,
      ref: { kind: 'process', rule: 'correction', subject: '企业信用信息公示报告', subjectKey: null },
    }],
    nextSteps: null,
    facts: { licence: { number: '晋B2-20260123', issuedOn: '2026-11-25', expiresOn: '2031-11-24', firstAnnualReport: { year: 2027, opens: '2027-01-01', due: '2027-03-31' } } },
  });
  /** Client 9: accepted (受理) 11-24, a site inspection 12-01 09:30 with one attendee named, nothing changed otherwise. */
  const inspected = buildClientWeekSummary({
    week: isoWeekFromId('2026-W48'), generatedOn: '2026-11-27', asOf: '2026-11-27',
    client: { id: 9, name: '大同数联网络有限公司', uscc: '91140200MA0K000009', city: '大同市', consultant: null },
    stage: 'formal_submission', events: [], notes: [], materials: [],
    upcoming: [{
      clientId: 9, date: '2026-12-01', source: 'inspection', sourceLabel: '现场核查', title: '现场核查', time: '09:30', overdueDays: 0, dayMark: null,
      detail: '地址：太原市小店区长风街1号；参加：张伟（技术负责人）；未指定：客服专员、信息安全专员（请提供姓名、电话）；请携带：公章、营业执照正本、已提交材料的原件',
      ref: { kind: 'inspection', address: '太原市小店区长风街1号', attendees: [{ role: 'tech_lead', name: '张伟' }] },
    }],
    nextSteps: null,
    facts: { acceptedOn: '2026-11-24' },
  });

  const show = async () => {
    setTransport(async (method): Promise<Envelope<unknown>> => {
      if (method !== 'weekly.rollup') return { ok: false, error: { code: 'UNKNOWN_METHOD', message: method } };
      const r: WeeklyRollup = {
        week: licensed.week, generatedOn: '2026-11-27', filters: { city: null, stage: null, consultant: null }, sort: 'attention', dir: 'asc',
        rows: [rollupRowOf(licensed), rollupRowOf(inspected)], totals: { active: 2, shown: 2, noNote: 2 }, consultants: [],
      };
      return { ok: true, value: r };
    });
    render(<RollupPanel week="2026-W48" />);
    await waitFor(() => expect(screen.getByTestId('rollup-row-8')).toBeTruthy());
    const cell = (id: number, testId: string) => within(screen.getByTestId(`rollup-row-${id}`)).getByTestId(testId).textContent;
    return { cell };
  };

  it('Chinese: the same words as the reports', async () => {
    const { cell } = await show();
    expect(rollupRowOf(licensed).headline).toBe('阶段：材料准备 → 线上预申请；材料：已收到2项、退回待收集1项');
    expect(cell(8, 'rollup-row-headline')).toBe(rollupRowOf(licensed).headline);
    expect(cell(8, 'rollup-row-milestone')).toBe('★ 发证 11-25 晋B2-20260123，有效期至2031-11-24');
    expect(cell(8, 'rollup-row-next')).toBe('12-04 补正期限：企业信用信息公示报告');
    expect(cell(9, 'rollup-row-milestone')).toBe('★ 受理 11-24');
    // The appointment reads as the reports' line (shared/reports deadlineWhat of the Chinese title and detail).
    expect(cell(9, 'rollup-row-next')).toBe('12-01 09:30 现场核查');
    expect(within(screen.getByTestId('rollup-row-9')).getByTestId('rollup-row-next-brief').getAttribute('aria-label')).toBe(`12-01 ${deadlineWhat(inspected.upcoming.items[0])}`);
    expect(cell(9, 'rollup-row-headline')).toBe('本周无记录');
  });

  it('English: no Chinese but what the user typed (the licence number, the address, the attendee)', async () => {
    await act(async () => { await i18n.changeLanguage('en'); });
    try {
      const { cell } = await show();
      expect(cell(8, 'rollup-row-headline')).toBe('Stage: Materials → Online pre-application; Materials: Received: 2 items, back to collect: 1 item');
      expect(cell(8, 'rollup-row-milestone')).toBe('★ Licence issued 11-25: 晋B2-20260123, valid until 2031-11-24');
      expect(cell(8, 'rollup-row-next')).toBe('12-04 Correction window: Enterprise credit information report');
      expect(cell(9, 'rollup-row-milestone')).toBe('★ Accepted 11-24');
      // The appointment in short, its detail one hover away (the tooltip's label).
      expect(cell(9, 'rollup-row-next')).toBe('12-01 09:30 Site inspection');
      expect(within(screen.getByTestId('rollup-row-9')).getByTestId('rollup-row-next-brief').getAttribute('aria-label')).toBe(
        '12-01 09:30 Site inspection (Address: 太原市小店区长风街1号; Attending: 张伟 (Technical lead); '
        + 'Not named: Customer service, Information-security officer (please give names and phone numbers); '
        + 'Bring: company seal, original business licence, originals of the submitted materials)');
      expect(cell(9, 'rollup-row-headline')).toBe('Nothing recorded this week');
    } finally {
      await act(async () => { await i18n.changeLanguage('zh-CN'); });
    }
  });

  it('English plurals and the other deadline kinds (renewal, annual report, change filing, a checklist due date)', async () => {
    await act(async () => { await i18n.changeLanguage('en'); });
    try {
      const t = i18n.t.bind(i18n);
      expect(headlineChangesText({ stages: [], materials: [{ status: 'submitted', count: 1 }, { status: 'missing', count: 2 }], filesArrived: 0 }, t)).toBe('Materials: Submitted: 1 item, back to collect: 2 items');
      expect(headlineChangesText({ stages: [], materials: [], filesArrived: 1 }, t)).toBe('Materials: 1 file received');
      expect(milestoneText({ kind: 'stage', on: '2026-12-02', from: 'site_inspection', to: 'aftercare' }, t)).toBe('Site inspection → After-care (12-02)');
      const base = { clientId: 1, date: '2026-12-10', sourceLabel: '', title: '', detail: null, time: null, overdueDays: 0, dayMark: null } as const;
      expect(upcomingWhatText({ ...base, source: 'renewal', ref: { kind: 'renewal', rule: 'renewal_agency', number: '晋B2-20210001', expiresOn: '2026-12-31' } }, t))
        .toBe('Renewal reminder (agency): 晋B2-20210001, valid until 2026-12-31');
      expect(upcomingWhatText({ ...base, source: 'annual', ref: { kind: 'annual', rule: 'annual_report', year: 2025, opens: '2026-01-01' } }, t))
        .toBe('Annual report for 2025: filing from 2026-01-01');
      expect(upcomingWhatText({ ...base, source: 'change', ref: { kind: 'change', rule: 'change_agency', changeKind: 'domain', newValue: 'example.cn' } }, t))
        .toBe('Change filing (agency): Domain: example.cn');
      expect(upcomingWhatText({ ...base, source: 'material', ref: { kind: 'material', itemKey: 'D02', title: '企业信用信息公示报告' } }, t)).toBe('Enterprise credit information report');
      // Nobody named yet, no address: every required role is asked for.
      expect(upcomingWhatText({ ...base, source: 'inspection', ref: { kind: 'inspection', address: null, attendees: [] } }, t))
        .toBe('Site inspection (Address not filled in; No attendee named: Technical lead, Customer service, Information-security officer (please give names and phone numbers); '
          + 'Bring: company seal, original business licence, originals of the submitted materials)');
    } finally {
      await act(async () => { await i18n.changeLanguage('zh-CN'); });
    }
    // Chinese: the reports' words for the same codes.
    const t = i18n.t.bind(i18n);
    expect(milestoneText({ kind: 'stage', on: '2026-12-02', from: 'site_inspection', to: 'aftercare' }, t)).toBe('现场核查 → 后续管理（12-02）');
    expect(upcomingWhatText({ clientId: 1, date: '2026-12-10', source: 'annual', sourceLabel: '年报', title: '', detail: null, time: null, overdueDays: 0, dayMark: null, ref: { kind: 'annual', rule: 'annual_report', year: 2025, opens: '2026-01-01' } }, t))
      .toBe('2025年度年报：2026-01-01 起报送');
  });
});
