/**
 * Every dialog with user input asks 放弃未保存的修改？ before Esc, 取消 or a backdrop click throws typed input away
 * (README: closing asks first when there are unsaved edits); untouched, it closes at once. 变更阶段: Enter in its date
 * field saves, the Enter that confirms an IME composition does not.
 */
import { describe, expect, it, afterEach, beforeEach } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { Client, Envelope, Method } from '../../shared/contract';
import type { Inspection } from '../../shared/contracts/inspections';
import { setTransport } from '../../renderer/src/api';
import { useAppStore } from '../../renderer/src/stores/app-store';
import { useInspectionsStore } from '../../renderer/src/stores/inspections-store';
import { useClientStore } from '../../renderer/src/stores/client-store';
import { InspectionDialog } from '../../renderer/src/pages/client/inspection/InspectionDialog';
import { OutcomeDialog } from '../../renderer/src/pages/client/inspection/OutcomeDialog';
import { LicenceDialog } from '../../renderer/src/pages/client/LicenceDialog';
import { ChangeDialog } from '../../renderer/src/pages/client/AftercareLists';
import { HolidayYearDialog } from '../../renderer/src/pages/settings/HolidayYearDialog';
import { StageDialog } from '../../renderer/src/pages/ClientPage';
import { NotesPanel } from '../../renderer/src/pages/client/NotesPanel';
import i18n from '../../renderer/src/i18n/index';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { mountDialog } from './mount-dialog';

const client = { id: 7, name: '太原云帆网络科技有限公司', stage: 'formal_submission', address: '太原市小店区长治路 111 号', consultant: '李娜' } as unknown as Client;
const inspection = { id: 3, clientId: 7, date: '2026-12-03', outcome: null, outcomeNotes: null } as unknown as Inspection;

let calls: { method: Method; input: unknown }[] = [];
beforeEach(() => {
  calls = [];
  useAppStore.setState({ today: '2026-12-06' });
  useInspectionsStore.setState({ inspections: [] });
  useClientStore.setState({ id: 7, client });
  setTransport(async (method: Method, input: unknown): Promise<Envelope<unknown>> => {
    calls.push({ method, input });
    return { ok: true, value: null };
  });
});
afterEach(async () => {
  setTransport(null);
  await i18n.changeLanguage('zh');
});

const esc = (el: Element) => fireEvent.keyDown(el, { key: 'Escape', code: 'Escape' });
const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const asking = () => screen.queryByText('放弃未保存的修改？');

interface Kind { name: string; dialog: (onClose: () => void) => ReactElement; field: string; value: string; cancel: string }
const kinds: Kind[] = [
  { name: '安排核查 (技术负责人)', dialog: (c) => <InspectionDialog open client={client} editing={null} onClose={c} />, field: 'insp-att-name-0', value: '王技术', cancel: 'insp-cancel' },
  { name: '登记许可证', dialog: (c) => <LicenceDialog open initial={null} onClose={c} />, field: 'licence-number', value: '晋B2-20260123', cancel: 'licence-cancel' },
  { name: '记录变更', dialog: (c) => <ChangeDialog open onClose={c} />, field: 'change-new', value: '太原云帆数字科技有限公司', cancel: 'change-cancel' },
  { name: '核查结果', dialog: (c) => <OutcomeDialog open inspection={inspection} onClose={c} />, field: 'outcome-notes', value: '机房门禁记录缺 11 月', cancel: 'outcome-cancel' },
  { name: '节假日安排', dialog: (c) => <HolidayYearDialog open year={2027} initial={null} onClose={c} />, field: 'holiday-source', value: '国办发明电〔2026〕7号', cancel: 'holiday-cancel' },
];

describe.each(kinds)('$name', (k) => {
  it('typed → Esc asks; 继续编辑 keeps the text; 取消 asks again; 放弃修改 closes', async () => {
    const d = mountDialog(k.dialog);
    type(k.field, k.value);
    esc(screen.getByTestId(k.field));
    await waitFor(() => expect(asking()).not.toBeNull());
    expect(screen.getByTestId('confirm-cancel').textContent).toBe('继续编辑');
    fireEvent.click(screen.getByTestId('confirm-cancel'));
    await waitFor(() => expect(asking()).toBeNull());
    expect(d.closed()).toBe(0);
    expect((screen.getByTestId(k.field) as HTMLInputElement).value).toBe(k.value);
    fireEvent.click(screen.getByTestId(k.cancel));
    await waitFor(() => expect(asking()).not.toBeNull());
    fireEvent.click(screen.getByTestId('confirm-ok'));
    await waitFor(() => expect(d.closed()).toBe(1));
    expect(calls).toEqual([]);
  });

  it('untouched → Esc closes at once without asking', async () => {
    const d = mountDialog(k.dialog);
    esc(screen.getByTestId(k.field));
    expect(d.closed()).toBe(1);
    expect(asking()).toBeNull();
  });
});

describe('backdrop click', () => {
  it('asks when something was typed, closes at once when not', async () => {
    const d = mountDialog((c) => <LicenceDialog open initial={null} onClose={c} />);
    type('licence-scope', '第二类增值电信业务中的信息服务业务（仅限互联网信息服务）');
    const backdrop = document.querySelector('.MuiBackdrop-root')!;
    fireEvent.mouseDown(backdrop);
    fireEvent.click(backdrop);
    await waitFor(() => expect(asking()).not.toBeNull());
    expect(d.closed()).toBe(0);
    cleanup();
    const e = mountDialog((c) => <LicenceDialog open initial={null} onClose={c} />);
    const b2 = document.querySelector('.MuiBackdrop-root')!;
    fireEvent.mouseDown(b2);
    fireEvent.click(b2);
    expect(e.closed()).toBe(1);
  });
});

describe('English', () => {
  it('asks "Discard unsaved changes?" with Keep editing / Discard', async () => {
    await i18n.changeLanguage('en');
    mountDialog((c) => <ChangeDialog open onClose={c} />);
    type('change-note', 'filed at 通信管理局 window 3');
    fireEvent.click(screen.getByTestId('change-cancel'));
    await screen.findByText('Discard unsaved changes?');
    expect(screen.getByTestId('confirm-cancel').textContent).toBe('Keep editing');
    expect(screen.getByTestId('confirm-ok').textContent).toBe('Discard');
  });
});

describe('变更阶段', () => {
  const pickStage = async (label: RegExp) => {
    fireEvent.mouseDown(screen.getByRole('combobox'));
    fireEvent.click(await screen.findByRole('option', { name: label }));
  };
  const dateSection = () => screen.getAllByRole('spinbutton')[0];

  it('stage changed → Esc asks; untouched → Esc closes', async () => {
    const d = mountDialog((c) => <StageDialog open current="formal_submission" onClose={c} />);
    await pickStage(/现场核查/);
    esc(dateSection());
    await waitFor(() => expect(asking()).not.toBeNull());
    fireEvent.click(screen.getByTestId('confirm-ok'));
    await waitFor(() => expect(d.closed()).toBe(1));
    cleanup();
    const e = mountDialog((c) => <StageDialog open current="formal_submission" onClose={c} />);
    esc(dateSection());
    expect(e.closed()).toBe(1);
  });

  it('Enter in the date field saves; an IME-confirming Enter does not', async () => {
    const d = mountDialog((c) => <StageDialog open current="formal_submission" onClose={c} />);
    await pickStage(/现场核查/);
    fireEvent.keyDown(dateSection(), { key: 'Enter', code: 'Enter', isComposing: true });
    fireEvent.keyDown(dateSection(), { key: 'Enter', code: 'Enter', keyCode: 229 });
    expect(calls).toEqual([]);
    fireEvent.keyDown(dateSection(), { key: 'Enter', code: 'Enter' });
    await waitFor(() => expect(calls.map((c) => c.method)).toContain('clients.setStage'));
    expect(calls.find((c) => c.method === 'clients.setStage')?.input).toEqual({ id: 7, stage: 'site_inspection', date: '2026-12-06' });
    await waitFor(() => expect(d.closed()).toBe(1));
  });
});

/** Every .tsx under renderer/src (relative path → text). */
function sources(dir = join(__dirname, '../../renderer/src')): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.tsx')) out.set(relative(dir, p).replaceAll('\\', '/'), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

describe('every dialog with input fields', () => {
  it('closes through useDiscardGuard (scan of renderer/src)', () => {
    const files = sources();
    const withInputs = [...files].filter(([, text]) => /<Dialog[\s>]/.test(text) && /<(TextField|DateField|TimeField|RadioGroup)[\s>]/.test(text)).map(([p]) => p);
    expect(withInputs.length).toBeGreaterThanOrEqual(9);
    const unguarded = withInputs.filter((p) => !files.get(p)!.includes('useDiscardGuard('));
    expect(unguarded).toEqual([]);
  });
});

describe('进度记录 inline edit', () => {
  const note = { id: 41, clientId: 7, date: '2026-12-02', body: '已电话通知客户补充机房租赁合同', createdAt: '2026-12-02T02:00:00.000Z', updatedAt: '2026-12-02T02:00:00.000Z' };
  it('edited → Esc asks; 继续编辑 keeps it; 放弃修改 restores the saved text; untouched → Esc closes at once', async () => {
    useClientStore.setState({ id: 7, client, notes: [note] });
    render(<NotesPanel />);
    fireEvent.click(screen.getByTestId('note-edit'));
    type('note-edit-body', '已电话通知客户补充机房租赁合同和消防证明');
    esc(screen.getByTestId('note-edit-body'));
    await waitFor(() => expect(asking()).not.toBeNull());
    fireEvent.click(screen.getByTestId('confirm-cancel'));
    await waitFor(() => expect(asking()).toBeNull());
    expect((screen.getByTestId('note-edit-body') as HTMLTextAreaElement).value).toBe('已电话通知客户补充机房租赁合同和消防证明');
    fireEvent.click(screen.getByTestId('note-edit-cancel'));
    await waitFor(() => expect(asking()).not.toBeNull());
    fireEvent.click(screen.getByTestId('confirm-ok'));
    await waitFor(() => expect(screen.queryByTestId('note-edit-body')).toBeNull());
    fireEvent.click(screen.getByTestId('note-edit'));
    expect((screen.getByTestId('note-edit-body') as HTMLTextAreaElement).value).toBe(note.body);
    esc(screen.getByTestId('note-edit-body'));
    expect(screen.queryByTestId('note-edit-body')).toBeNull();
    expect(asking()).toBeNull();
    expect(calls.filter((c) => c.method === 'notes.update')).toEqual([]);
  });
});
