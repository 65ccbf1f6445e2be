/**
 * Re-rendering on the client page: a status change or a 全/准/清 check on one material re-renders that item's row
 * only, and editing one progress note re-renders that note only, even though the store re-reads the whole list from
 * the API (every item a new object) after each change. Each row render is counted by the translation it asks for with
 * its own title or text (the confirmation body it prepares), so the count is per row.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Envelope, Material, Method, Note } from '../../shared/contract';
import i18n from '../../renderer/src/i18n/index';
import { setTransport } from '../../renderer/src/api';
import { MaterialsPanel } from '../../renderer/src/pages/client/MaterialsPanel';
import { NotesPanel } from '../../renderer/src/pages/client/NotesPanel';
import { useClientStore } from '../../renderer/src/stores/client-store';

const material = (id: number, itemKey: string, title: string): Material => ({
  id, clientId: 7, itemKey, group: itemKey[0]!, title, hint: '', sort: id, status: 'missing', checkComplete: false, checkAccurate: false,
  checkLegible: false, note: null, dueDate: null, updatedAt: '2026-11-27T02:00:00Z',
});
const ITEMS = [
  material(1, 'A01', '增值电信业务经营许可证申请表'), material(2, 'A02', '营业执照副本'), material(3, 'A03', '法定代表人身份证'),
  material(4, 'B01', '网站首页截图'), material(5, 'B02', '域名证书'), material(6, 'B03', 'ICP备案截图'),
];

/** The database the fake API answers from; every read returns fresh objects, as the real transport does. */
let rows: Material[] = [];
function fakeApi() {
  rows = ITEMS.map((m) => ({ ...m }));
  const change = (id: number, patch: Partial<Material>) => { rows = rows.map((m) => (m.id === id ? { ...m, ...patch, updatedAt: '2026-11-28T02:00:00Z' } : m)); };
  setTransport(async (method: Method, input): Promise<Envelope<unknown>> => {
    const i = input as Record<string, unknown>;
    if (method === 'materials.list') return { ok: true, value: rows.map((m) => ({ ...m })) };
    if (method === 'materials.setChecks') change(i.id as number, { checkComplete: i.checkComplete as boolean, checkAccurate: i.checkAccurate as boolean, checkLegible: i.checkLegible as boolean });
    if (method === 'materials.setStatus') change(i.id as number, { status: i.status as Material['status'] });
    return { ok: true, value: method.endsWith('.list') || method === 'clients.timeline' ? [] : null };
  });
}

/**
 * Renders of each row since the last reset, by the text a row render translates with its own title (`key` and the
 * option naming the row); `all` lists every row's title or text.
 */
function rowRenders(key = 'client.materials.checkFirstBody', field: 'title' | 'body' = 'title', all: string[] = ITEMS.map((m) => m.title)) {
  const counts = new Map<string, number>();
  const t = i18n.t.bind(i18n);
  vi.spyOn(i18n, 't').mockImplementation(((k: string, opts?: Record<string, string>) => {
    const name = opts?.[field];
    if (k === key && name) counts.set(name, (counts.get(name) ?? 0) + 1);
    return (t as unknown as (k: string, o?: object) => string)(k, opts);
  }) as unknown as typeof i18n.t);
  return { of: (name: string) => counts.get(name) ?? 0, others: (name: string) => all.filter((x) => x !== name).map((x) => counts.get(x) ?? 0), reset: () => counts.clear() };
}

describe('materials checklist re-renders', () => {
  beforeEach(() => {
    fakeApi();
    useClientStore.setState({ id: 7, client: null, materials: rows.map((m) => ({ ...m })), notes: [], timeline: [], error: null, notFound: false });
  });
  afterEach(() => vi.restoreAllMocks());

  it('a 全 check on 营业执照副本 re-renders that row and none of the other five', async () => {
    const renders = rowRenders();
    render(<MaterialsPanel />);
    expect(renders.of('营业执照副本')).toBeGreaterThan(0); // the counter sees the rows
    renders.reset();
    fireEvent.click(screen.getByTestId('material-complete-A02'));
    await waitFor(() => expect(useClientStore.getState().materials.find((m) => m.id === 2)?.checkComplete).toBe(true));
    await waitFor(() => expect((screen.getByTestId('material-complete-A02') as HTMLInputElement).checked).toBe(true));
    expect(renders.of('营业执照副本')).toBeGreaterThan(0);
    expect(renders.others('营业执照副本')).toEqual([0, 0, 0, 0, 0]);
  });

  it('a status change of 域名证书 to 已收到 re-renders that row only', async () => {
    const renders = rowRenders();
    render(<MaterialsPanel />);
    renders.reset();
    const b02 = useClientStore.getState().materials.find((m) => m.id === 5)!;
    await useClientStore.getState().setStatus(b02, 'received');
    await waitFor(() => expect(screen.getByTestId('material-status-B02')).toHaveProperty('value', 'received'));
    expect(renders.of('域名证书')).toBeGreaterThan(0);
    expect(renders.others('域名证书')).toEqual([0, 0, 0, 0, 0]);
  });
});

const note = (id: number, date: string, body: string): Note => ({ id, clientId: 7, date, body, createdAt: `${date}T02:00:00Z`, updatedAt: `${date}T02:00:00Z` });
const NOTES = [note(11, '2026-11-23', '已提交申请表'), note(12, '2026-11-24', '客户补充了营业执照'), note(13, '2026-11-25', '约定现场核查时间')];

describe('progress notes re-renders', () => {
  let notes: Note[] = [];
  beforeEach(() => {
    notes = NOTES.map((n) => ({ ...n }));
    setTransport(async (method: Method, input): Promise<Envelope<unknown>> => {
      const i = input as { id: number; date: string; body: string };
      if (method === 'notes.update') notes = notes.map((n) => (n.id === i.id ? { ...n, date: i.date, body: i.body, updatedAt: '2026-11-27T02:00:00Z' } : n));
      if (method === 'notes.list') return { ok: true, value: notes.map((n) => ({ ...n })) };
      return { ok: true, value: method === 'clients.timeline' ? [] : null };
    });
    useClientStore.setState({ id: 7, client: null, materials: [], notes: notes.map((n) => ({ ...n })), timeline: [], error: null, notFound: false });
  });
  afterEach(() => vi.restoreAllMocks());

  it('editing one note re-renders that note and not the other two', async () => {
    const renders = rowRenders('client.notes.deleteBody', 'body', ['已提交申请表', '客户补充了营业执照（原件）', '约定现场核查时间']);
    render(<NotesPanel />);
    renders.reset();
    await useClientStore.getState().editNote(12, '2026-11-24', '客户补充了营业执照（原件）');
    await waitFor(() => expect(screen.getByTestId('note-12').textContent).toContain('客户补充了营业执照（原件）'));
    expect(renders.of('客户补充了营业执照（原件）')).toBeGreaterThan(0);
    expect(renders.others('客户补充了营业执照（原件）')).toEqual([0, 0]);
  });
});
