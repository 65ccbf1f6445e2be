import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Client } from '../../shared/contract';
import type { StageKey } from '../../shared/domain/stages';
import { InspectionDialog } from '../../renderer/src/pages/client/inspection/InspectionDialog';
import { useAppStore } from '../../renderer/src/stores/app-store';
import { useClientStore } from '../../renderer/src/stores/client-store';
import { useInspectionsStore } from '../../renderer/src/stores/inspections-store';

/** Renders the schedule dialog for a client at `stage`, with the stores' writes recorded instead of sent. */
function open(stage: StageKey) {
  const calls: Array<{ method: string; input: unknown }> = [];
  useAppStore.setState({ today: '2026-11-30' });
  useInspectionsStore.setState({ inspections: [], create: async (input) => { calls.push({ method: 'create', input }); return {} as never; } });
  useClientStore.setState({ setStage: async (input) => { calls.push({ method: 'setStage', input }); } });
  const client = { id: 7, name: '太原晋祠兴旅游服务有限公司', stage, address: '太原市小店区长风街1号', consultant: '路顾问' } as unknown as Client;
  render(<InspectionDialog open client={client} editing={null} onClose={() => {}} />);
  return calls;
}
const box = () => screen.getByTestId('insp-move-stage') as HTMLInputElement;

describe('schedule inspection: the 现场核查 stage offer', () => {
  afterEach(cleanup);

  it('from 咨询评估 the offer is unticked, says the stage stays, and saving does not move the stage', async () => {
    const calls = open('consultation');
    expect(box().checked).toBe(false);
    expect(screen.getByTestId('insp-move-stage-effect').textContent).toBe('保存后阶段不变（仍为 咨询评估）');
    fireEvent.click(screen.getByTestId('insp-save'));
    await waitFor(() => expect(calls.map((c) => c.method)).toEqual(['create']));
  });

  it('ticking it from 咨询评估 states the move plainly, beside the save button, and then moves the stage', async () => {
    const calls = open('consultation');
    fireEvent.click(box());
    const effect = screen.getByTestId('insp-move-stage-effect');
    expect(effect.textContent).toBe('保存后阶段将从 咨询评估 改为 现场核查');
    // In the dialog's action bar with the save button (always visible), not in the scrolling form.
    expect(effect.closest('.MuiDialogActions-root')).toBe(screen.getByTestId('insp-save').closest('.MuiDialogActions-root'));
    fireEvent.click(screen.getByTestId('insp-save'));
    await waitFor(() => expect(calls.map((c) => c.method)).toEqual(['create', 'setStage']));
    expect(calls[1]!.input).toEqual({ stage: 'site_inspection', date: '2026-11-30' });
  });

  it('at 正式提交 (stage 4, directly before 现场核查) it is ticked by default', () => {
    open('formal_submission');
    expect(box().checked).toBe(true);
    expect(screen.getByTestId('insp-move-stage-effect').textContent).toBe('保存后阶段将从 正式提交 改为 现场核查');
  });

  it.each<StageKey>(['materials', 'pre_application'])('at %s (two or more stages before) it is unticked', (stage) => {
    open(stage);
    expect(box().checked).toBe(false);
  });

  it('at 现场核查 or later there is no offer', () => {
    open('site_inspection');
    expect(screen.queryByTestId('insp-move-stage')).toBeNull();
  });
});
