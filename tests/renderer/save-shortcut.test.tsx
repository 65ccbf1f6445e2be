/**
 * Ctrl/Cmd+S saves the open form (README: keyboard shortcuts) — every dialog, not only the client form — exactly once:
 * a second Ctrl+S while the first save is still in flight starts nothing; a form whose 保存 is disabled (nothing typed,
 * an invalid licence number) is not saved by the key either; the Enter that confirms an IME composition is not a save.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Client, Envelope, Method } from '../../shared/contract';
import type { Inspection } from '../../shared/contracts/inspections';
import { setTransport } from '../../renderer/src/api';
import { installKeymap } from '../../renderer/src/desktop/keymap';
import { useAppStore } from '../../renderer/src/stores/app-store';
import { useInspectionsStore } from '../../renderer/src/stores/inspections-store';
import { useClientStore } from '../../renderer/src/stores/client-store';
import { useClientDeadlinesStore } from '../../renderer/src/stores/client-deadlines-store';
import { OutcomeDialog } from '../../renderer/src/pages/client/inspection/OutcomeDialog';
import { LicenceDialog } from '../../renderer/src/pages/client/LicenceDialog';
import { ChangeDialog } from '../../renderer/src/pages/client/AftercareLists';
import { StageDialog } from '../../renderer/src/pages/ClientPage';
import { NotesPanel } from '../../renderer/src/pages/client/NotesPanel';
import { mountDialog } from './mount-dialog';

const client = { id: 7, name: '太原云帆网络科技有限公司', stage: 'formal_submission', address: '太原市小店区长治路 111 号', consultant: '李娜' } as unknown as Client;
const inspection = { id: 3, clientId: 7, date: '2026-12-03', outcome: null, outcomeNotes: null } as unknown as Inspection;
const SAVES = new Set<Method>(['licence.set', 'changes.create', 'inspections.setOutcome', 'clients.setStage', 'notes.create', 'notes.update']);

let calls: { method: Method; input: unknown }[] = [];
let release: () => void = () => undefined;
let uninstall: () => void = () => undefined;
beforeEach(() => {
  calls = [];
  useAppStore.setState({ today: '2026-12-06' });
  useInspectionsStore.setState({ inspections: [] });
  useClientStore.setState({ id: 7, client, notes: [] });
  useClientDeadlinesStore.setState({ clientId: 7 });
  uninstall = installKeymap();
  // Saves stay in flight until release(): a second Ctrl+S arrives while the first is still saving.
  setTransport(async (method: Method, input: unknown): Promise<Envelope<unknown>> => {
    calls.push({ method, input });
    if (SAVES.has(method)) await new Promise<void>((r) => { release = r; });
    return { ok: true, value: method === 'inspections.setOutcome' ? { inspection: { ...inspection, outcome: 'passed' } } : null };
  });
});
afterEach(() => {
  uninstall();
  setTransport(null);
  cleanup();
});

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const ctrlS = () => fireEvent.keyDown(document.activeElement ?? document.body, { key: 's', code: 'KeyS', ctrlKey: true });
const saves = () => calls.filter((c) => SAVES.has(c.method));

describe('Ctrl+S in a dialog saves it once', () => {
  it('登记许可证: 晋B2-20260123 issued 2026-11-20 — one licence.set, the dialog closes', async () => {
    const d = mountDialog((c) => <LicenceDialog open initial={null} onClose={c} />);
    type('licence-number', '晋B2-20260123');
    ctrlS(); // no issue date yet: 保存 is disabled, so is the key
    expect(saves()).toEqual([]);
    type('licence-issued', '2026-11-20');
    ctrlS();
    await waitFor(() => expect(saves().length).toBe(1));
    ctrlS(); // while saving
    ctrlS();
    release();
    await waitFor(() => expect(d.closed()).toBe(1));
    expect(saves()).toEqual([{ method: 'licence.set', input: expect.objectContaining({ number: '晋B2-20260123', issuedOn: '2026-11-20', expiresOn: null }) }]);
  });

  it('登记许可证 with an invalid number (晋B2-2026012): nothing is sent', async () => {
    mountDialog((c) => <LicenceDialog open initial={null} onClose={c} />);
    type('licence-number', '晋B2-2026012');
    type('licence-issued', '2026-11-20');
    ctrlS();
    await new Promise((r) => setTimeout(r, 50));
    expect(saves()).toEqual([]);
  });

  it('记录变更: the new domain — one changes.create', async () => {
    const d = mountDialog((c) => <ChangeDialog open onClose={c} />);
    type('change-new', 'www.yunfan-tech.cn');
    ctrlS();
    ctrlS();
    await waitFor(() => expect(saves().length).toBe(1));
    release();
    await waitFor(() => expect(d.closed()).toBe(1));
    expect(saves()[0]).toEqual({ method: 'changes.create', input: expect.objectContaining({ kind: 'name', changedOn: '2026-12-06', newValue: 'www.yunfan-tech.cn' }) });
  });

  it('核查结果: 通过 — one inspections.setOutcome', async () => {
    const d = mountDialog((c) => <OutcomeDialog open inspection={inspection} onClose={c} />);
    ctrlS();
    ctrlS();
    await waitFor(() => expect(saves().length).toBe(1));
    release();
    await waitFor(() => expect(d.closed()).toBe(1));
    expect(saves()[0]).toEqual({ method: 'inspections.setOutcome', input: { id: 3, outcome: 'passed', notes: null } });
  });

  it('变更阶段: 现场核查 today — one clients.setStage; before a stage is picked the key does nothing', async () => {
    const d = mountDialog((c) => <StageDialog open current="formal_submission" onClose={c} />);
    ctrlS();
    expect(saves()).toEqual([]);
    fireEvent.mouseDown(screen.getByRole('combobox'));
    fireEvent.click(await screen.findByRole('option', { name: /现场核查/ }));
    ctrlS();
    ctrlS();
    await waitFor(() => expect(saves().length).toBe(1));
    release();
    await waitFor(() => expect(d.closed()).toBe(1));
    expect(saves()[0]).toEqual({ method: 'clients.setStage', input: { id: 7, stage: 'site_inspection', date: '2026-12-06' } });
  });
});

describe('Ctrl+S on the notes tab', () => {
  it('adds the typed progress note once; an empty box is not saved', async () => {
    render(<NotesPanel />);
    ctrlS();
    expect(saves()).toEqual([]);
    type('note-body', '已电话通知客户补充机房租赁合同');
    ctrlS();
    ctrlS();
    await waitFor(() => expect(saves().length).toBe(1));
    release();
    expect(saves()[0]).toEqual({ method: 'notes.create', input: expect.objectContaining({ clientId: 7, date: '2026-12-06', body: '已电话通知客户补充机房租赁合同' }) });
  });
});
