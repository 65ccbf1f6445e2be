/**
 * The attach UI on the materials checklist (issue 18): a dropped file is sent with its bytes to the right item, a
 * 待收集 item offers 已收到, refusals and the duplicate / 清 hints are shown as written, remove can be undone with
 * the same bytes, HEIC says it cannot be previewed, and the package dialog lists what is missing and why.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Envelope, Material, Method } from '../../shared/contract';
import type { Attachment } from '../../shared/contracts/attachments';
import { setTransport } from '../../renderer/src/api';
import { MaterialsPanel } from '../../renderer/src/pages/client/MaterialsPanel';
import { useClientStore } from '../../renderer/src/stores/client-store';
import { useAttachmentsStore } from '../../renderer/src/pages/client/attachments/attachments-store';

vi.mock('../../renderer/src/pages/client/attachments/pdf', () => ({
  openPdf: vi.fn(async () => { throw new Error('no pdf.js in jsdom'); }),
  renderPage: vi.fn(),
  pdfThumbnail: vi.fn(async () => null),
}));
vi.mock('../../renderer/src/pages/client/attachments/image-thumb', () => ({
  imageThumbnail: vi.fn(async () => null),
}));

const material = (id: number, itemKey: string, title: string, status: Material['status'] = 'missing'): Material => ({
  id, clientId: 7, itemKey, group: itemKey[0], title, hint: '', sort: id, status, checkComplete: false, checkAccurate: false, checkLegible: false, note: null, dueDate: null, updatedAt: '2026-11-27T02:00:00Z',
});
const A01 = material(1, 'A01', '增值电信业务经营许可证申请表');
const B04 = material(7, 'B04', '服务器托管/云服务协议', 'received');

const attachment = (over: Partial<Attachment>): Attachment => ({
  id: 31, clientId: 7, materialId: 1, itemKey: 'A01', fileName: '申请表.pdf', size: 2048, sha256: `${over.id ?? 31}`.padStart(64, '0'), kind: 'pdf', mime: 'application/pdf',
  pages: 3, width: null, height: null, pdfProblem: null, lowResolution: false, addedAt: '2026-11-27T02:00:00.000Z', addedBy: null, ...over,
});

type Handler = (input: Record<string, unknown>) => unknown;
/** Uploads held by the fake XMLHttpRequest (see fakeApi). */
const uploads: { hold: boolean; pending: { xhr: unknown; fileName: string; progress(loaded: number): void; finish(): Promise<void> }[] } = { hold: false, pending: [] };
function fakeApi(handlers: Partial<Record<Method, Handler>>) {
  const calls: { method: Method; input: Record<string, unknown> }[] = [];
  setTransport(async (method, input): Promise<Envelope<unknown>> => {
    calls.push({ method, input: input as Record<string, unknown> });
    const h = handlers[method];
    if (!h) return { ok: true, value: method.endsWith('.list') || method === 'clients.timeline' ? [] : null };
    try { return { ok: true, value: h(input as Record<string, unknown>) }; } catch (e) { return { ok: false, error: e as never }; }
  });
  // Browser mode sends a file as the raw body of POST host/attachments and reads one from GET files/<id> (no base64):
  // both reach the same fake handlers, recorded as 'attachments.add' { materialId, fileName, bytes } / 'attachments.get' { id }.
  const run = (method: Method, input: Record<string, unknown>) => {
    calls.push({ method, input });
    const h = handlers[method];
    try { return { ok: true, value: h ? h(input) : null }; } catch (e) { return { ok: false, error: e }; }
  };
  // The upload goes by XMLHttpRequest (its upload events give the progress). With `uploads.hold`, each waits in
  // `uploads.pending` until the test sends progress or finishes it; otherwise it finishes at once.
  globalThis.XMLHttpRequest = class {
    upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null; onload: (() => void) | null } = { onprogress: null, onload: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    status = 0;
    responseText = '';
    private url = '';
    open(_method: string, url: string) { this.url = url; }
    setRequestHeader() {}
    abort() { uploads.pending = uploads.pending.filter((p) => p.xhr !== this); this.onabort?.(); }
    send(body: Blob) {
      const u = new URL(this.url, 'http://127.0.0.1/');
      const q = Object.fromEntries(u.searchParams);
      const finish = async () => {
        const bytes = Array.from(new Uint8Array(await body.arrayBuffer()));
        uploads.pending = uploads.pending.filter((p) => p.xhr !== this);
        this.upload.onprogress?.({ loaded: body.size, total: body.size, lengthComputable: true });
        this.upload.onload?.();
        const env = run('attachments.add', { materialId: Number(q.materialId), fileName: q.fileName, bytes, ...(q.order ? { order: q.order } : {}) });
        this.status = 200;
        this.responseText = JSON.stringify(env);
        this.onload?.();
      };
      if (!uploads.hold) return void finish();
      uploads.pending.push({ xhr: this, fileName: q.fileName!, progress: (loaded) => this.upload.onprogress?.({ loaded, total: body.size, lengthComputable: true }), finish });
    }
  } as unknown as typeof XMLHttpRequest;
  globalThis.fetch = (async (url: string) => {
    const u = new URL(String(url), 'http://127.0.0.1/');
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    const file = /\/files\/(\d+)$/.exec(u.pathname);
    if (file) {
      const env = run('attachments.get', { id: Number(file[1]) }) as { ok: boolean; value: { base64: string }; error: unknown };
      return env.ok ? new Response(Uint8Array.from(atob(env.value.base64), (c) => c.charCodeAt(0))) : json(404, env);
    }
    return json(404, { ok: false });
  }) as typeof fetch;
  return calls;
}

function file(name: string, bytes: number[], type = 'application/pdf'): File {
  return new File([new Uint8Array(bytes)], name, { type });
}
const drop = (el: HTMLElement, files: File[]) => fireEvent.drop(el, { dataTransfer: { files, items: [], types: ['Files'] } });

describe('attachments on the materials checklist', () => {
  beforeEach(() => {
    useClientStore.setState({ id: 7, client: null, materials: [A01, B04], notes: [], timeline: [], error: null, notFound: false });
    useAttachmentsStore.setState({ clientId: null, items: [], notices: [], removed: null, viewing: null, uploads: [] });
    uploads.hold = false;
    uploads.pending = [];
  });

  it('sends a dropped file with its bytes to the item it was dropped on, lists it, and offers 已收到 for a 待收集 item', async () => {
    let items: Attachment[] = [];
    const calls = fakeApi({
      'attachments.list': () => items,
      'attachments.add': () => { items = [attachment({})]; return { attachment: items[0], duplicateOf: [] }; },
      'materials.setStatus': () => ({ ...A01, status: 'received' }),
    });
    render(<MaterialsPanel />);
    drop(screen.getByTestId('material-A01'), [file('申请表.pdf', [0x25, 0x50, 0x44, 0x46])]);
    const tile = await screen.findByTestId('attachment-31');
    expect(tile.textContent).toMatch(/申请表\.pdf.*2\.0 KB · 3 页.*添加于 2026-11-27 10:00/);
    const add = calls.find((c) => c.method === 'attachments.add')!;
    expect(add.input).toEqual({ materialId: 1, fileName: '申请表.pdf', bytes: [0x25, 0x50, 0x44, 0x46] }); // the raw bytes, not base64
    // The offer opens after the upload's answer, not necessarily in the same render as the tile.
    expect((await screen.findByTestId('confirm-dialog')).textContent).toContain('“增值电信业务经营许可证申请表”仍是待收集');
    fireEvent.click(screen.getByTestId('confirm-ok'));
    await waitFor(() => expect(calls.find((c) => c.method === 'materials.setStatus')?.input).toEqual({ id: 1, status: 'received', on: null })); // null: today
  });

  it('does not offer 已收到 for an item already received, and shows the duplicate and 清 hints', async () => {
    const png = attachment({ id: 32, materialId: 7, itemKey: 'B04', fileName: '截图.png', kind: 'png', mime: 'image/png', pages: null, width: 640, height: 480, lowResolution: true });
    fakeApi({ 'attachments.add': () => ({ attachment: png, duplicateOf: [{ itemKey: 'A01', title: A01.title, fileName: '申请表.png' }] }) });
    render(<MaterialsPanel />);
    drop(screen.getByTestId('material-B04'), [file('截图.png', [0x89, 0x50], 'image/png')]);
    const notices = screen.getByTestId('attachment-notices');
    await waitFor(() => expect(notices.textContent).toContain('“截图.png”：该文件已在 A01 中（增值电信业务经营许可证申请表）'));
    expect(notices.textContent).toContain('“截图.png”分辨率较低（640×480），可能不够清晰（清）');
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
  });

  it('shows a refusal with its reason and attaches nothing', async () => {
    fakeApi({ 'attachments.add': () => { throw { code: 'VALIDATION', message: '不能附加可执行文件或脚本：“setup.exe”' }; } });
    render(<MaterialsPanel />);
    drop(screen.getByTestId('material-A01'), [file('setup.exe', [0x4d, 0x5a], 'application/octet-stream')]);
    await waitFor(() => expect(screen.getByTestId('notice-refused').textContent).toContain('未附加：不能附加可执行文件或脚本：“setup.exe”'));
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
  });

  it('removes after confirmation and undo puts the same bytes back on the same item', async () => {
    let items = [attachment({ sha256: 'f'.repeat(64) })]; // other bytes than the first test's file
    const calls = fakeApi({
      'attachments.list': () => items,
      'attachments.get': () => ({ fileName: '申请表.pdf', mime: 'application/pdf', base64: 'JVBERi0xLjQ=' }),
      'attachments.remove': () => { items = []; return { ok: true, fileRemoved: true }; },
      'attachments.add': (i) => { items = [attachment({ id: 40, fileName: String(i.fileName) })]; return { attachment: items[0], duplicateOf: [] }; },
    });
    render(<MaterialsPanel />);
    const tile = await screen.findByTestId('attachment-31');
    fireEvent.click(within(tile).getByTestId('attachment-menu'));
    fireEvent.click(await screen.findByTestId('attachment-remove'));
    expect(screen.getByTestId('confirm-dialog').textContent).toContain('从“增值电信业务经营许可证申请表”中删除“申请表.pdf”');
    fireEvent.click(screen.getByTestId('confirm-ok'));
    fireEvent.click(await screen.findByTestId('attachment-undo'));
    await screen.findByTestId('attachment-40');
    expect(calls.filter((c) => c.method === 'attachments.add').map((c) => c.input)).toEqual([{ materialId: 1, fileName: '申请表.pdf', bytes: Array.from(Buffer.from('%PDF-1.4')) }]);
  });

  it('a PDF tile draws the host\'s stored thumbnail without pdf.js; without one, draws the page and hands it to the host to keep', async () => {
    const { pdfThumbnail } = await import('../../renderer/src/pages/client/attachments/pdf');
    const draw = vi.mocked(pdfThumbnail);
    draw.mockClear();
    // 41 has a stored thumbnail; 42 (another content) has none yet.
    const calls = fakeApi({
      'attachments.list': () => [attachment({ id: 41, fileName: '租赁合同.pdf', sha256: 'a'.repeat(64) }), attachment({ id: 42, fileName: '房产证.pdf', sha256: 'b'.repeat(64) })],
      // The client's stored thumbnails come in one request beside the list; a tile not among them asks for its own.
      'attachments.thumbnails': () => [{ id: 41, sha256: 'a'.repeat(64), base64: 'iVBORw0KGgoSTORED' }],
      'attachments.thumbnail': () => ({ base64: null }),
      'attachments.get': () => ({ fileName: '房产证.pdf', mime: 'application/pdf', base64: 'JVBERi0xLjQ=' }),
    });
    draw.mockImplementation(async () => 'data:image/png;base64,iVBORw0KGgoDRAWN');
    render(<MaterialsPanel />);
    const stored = await screen.findByTestId('thumb-41');
    expect(stored.getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgoSTORED');
    expect((await screen.findByTestId('thumb-42')).getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgoDRAWN');
    // Asked for the tile's pixel box (64 × 80 at pixel ratio 1); only 42 was asked for alone and drawn (its bytes fetched), then kept.
    expect(calls.filter((c) => c.method === 'attachments.thumbnails').map((c) => c.input)).toEqual([{ clientId: 7, width: 64, height: 80 }]);
    expect(calls.filter((c) => c.method === 'attachments.thumbnail').map((c) => c.input)).toEqual([{ id: 42, width: 64, height: 80 }]);
    expect(draw).toHaveBeenCalledTimes(1);
    expect(calls.filter((c) => c.method === 'attachments.get').map((c) => c.input)).toEqual([{ id: 42 }]);
    await waitFor(() => expect(calls.filter((c) => c.method === 'attachments.setThumbnail').map((c) => c.input)).toEqual([{ id: 42, width: 64, height: 80, base64: 'iVBORw0KGgoDRAWN' }]));
    draw.mockImplementation(async () => null);
  });

  it('a photo tile draws the host\'s stored small PNG without fetching the photo; without one, draws it small once and hands it to the host', async () => {
    const { imageThumbnail } = await import('../../renderer/src/pages/client/attachments/image-thumb');
    const draw = vi.mocked(imageThumbnail);
    draw.mockClear();
    const calls = fakeApi({
      'attachments.list': () => [
        attachment({ id: 51, fileName: '机房照片1.jpg', kind: 'jpeg', mime: 'image/jpeg', pages: null, sha256: 'c'.repeat(64) }),
        attachment({ id: 52, fileName: '机房照片2.webp', kind: 'webp', mime: 'image/webp', pages: null, sha256: 'd'.repeat(64) }),
      ],
      'attachments.thumbnails': () => [{ id: 51, sha256: 'c'.repeat(64), base64: 'iVBORw0KGgoPHOTO' }],
      'attachments.thumbnail': () => ({ base64: null }),
      'attachments.get': () => ({ fileName: '机房照片2.webp', mime: 'image/webp', base64: 'UklGRg==' }),
    });
    draw.mockImplementation(async () => 'data:image/png;base64,iVBORw0KGgoSMALL');
    render(<MaterialsPanel />);
    expect((await screen.findByTestId('thumb-51')).getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgoPHOTO');
    expect((await screen.findByTestId('thumb-52')).getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgoSMALL');
    // Only the photo without a stored thumbnail was fetched (once) and drawn, at the tile's box; then kept by the host.
    expect(calls.filter((c) => c.method === 'attachments.get').map((c) => c.input)).toEqual([{ id: 52 }]);
    expect(draw).toHaveBeenCalledTimes(1);
    expect(draw.mock.calls[0]!.slice(1)).toEqual(['image/webp', { width: 64, height: 80, dpr: 1 }]);
    await waitFor(() => expect(calls.filter((c) => c.method === 'attachments.setThumbnail').map((c) => c.input)).toEqual([{ id: 52, width: 64, height: 80, base64: 'iVBORw0KGgoSMALL' }]));
    draw.mockImplementation(async () => null);
  });

  it('in the desktop app the add button opens the main process\'s dialog (the page names the item, never a file), then offers 已收到', async () => {
    type W = { icpdesk?: unknown; icpdeskHost?: unknown };
    const asked: unknown[] = [];
    let items: Attachment[] = [];
    fakeApi({ 'attachments.list': () => items, 'materials.setStatus': () => ({ ...A01, status: 'received' }) });
    (window as unknown as W).icpdesk = { api: {}, host: 'electron' };
    (window as unknown as W).icpdeskHost = {
      pickAttachments: async (input: unknown) => {
        asked.push(input);
        items = [attachment({ fileName: '申请表.pdf' })];
        return { canceled: false, files: [
          { fileName: '申请表.pdf', result: { ok: true, value: { attachment: items[0], duplicateOf: [] } } },
          { fileName: 'setup.exe', result: { ok: false, error: { code: 'VALIDATION', message: '不能附加可执行文件或脚本：“setup.exe”', key: 'attachment_executable', params: { fileName: 'setup.exe' } } } },
        ] };
      },
    };
    try {
      render(<MaterialsPanel />);
      fireEvent.click(await screen.findByTestId('attach-A01'));
      expect(await screen.findByTestId('attachment-31')).toBeTruthy();
      expect(asked).toEqual([{ materialId: 1, addedBy: null, title: 'A01 增值电信业务经营许可证申请表' }]);
      expect((await screen.findByTestId('notice-refused')).textContent).toContain('setup.exe');
      expect((await screen.findByTestId('confirm-dialog')).textContent).toContain('“增值电信业务经营许可证申请表”仍是待收集');
    } finally {
      delete (window as unknown as W).icpdesk;
      delete (window as unknown as W).icpdeskHost;
    }
  });

  it('a HEIC photo is shown through the host\'s converted preview; one that cannot be converted says so and offers the download', async () => {
    const calls = fakeApi({
      'attachments.list': () => [attachment({ kind: 'heic', mime: 'image/heic', fileName: 'IMG_0001.HEIC', pages: null, sha256: 'e'.repeat(64) })],
      'attachments.preview': () => ({ mime: 'image/png', base64: 'iVBORw0KGgo=' }),
    });
    render(<MaterialsPanel />);
    const tile = await screen.findByTestId('attachment-31');
    expect((await within(tile).findByTestId('thumb-31')).getAttribute('data-kind')).toBe('heic');
    fireEvent.click(within(tile).getByRole('button', { name: /查看 IMG_0001\.HEIC/ }));
    await screen.findByTestId('viewer-image');
    expect(calls.filter((c) => c.method === 'attachments.preview').map((c) => c.input)).toEqual([{ id: 31 }]); // once: cached
    expect(calls.some((c) => c.method === 'attachments.get')).toBe(false);
    cleanup();
    useAttachmentsStore.setState({ clientId: null, items: [], notices: [], removed: null, viewing: null });

    fakeApi({
      'attachments.list': () => [attachment({ kind: 'heic', mime: 'image/heic', fileName: 'IMG_0002.HEIC', pages: null, sha256: 'f'.repeat(64) })],
      'attachments.preview': () => { throw Object.assign(new Error('HEIC 无法预览（x），可用系统应用打开'), { code: 'BAD_FILE' }); },
    });
    render(<MaterialsPanel />);
    const t2 = await screen.findByTestId('attachment-31');
    fireEvent.click(within(t2).getByRole('button', { name: /查看 IMG_0002\.HEIC/ }));
    expect((await screen.findByTestId('viewer-no-preview')).textContent).toBe('HEIC 无法预览，可下载后用系统应用打开');
    expect(screen.getByTestId('viewer-open').textContent).toBe('下载');
  });

  it('several files: two upload at once in the chosen order with progress each; one failing or cancelled does not stop the others', async () => {
    uploads.hold = true;
    let items: Attachment[] = [];
    let id = 50;
    const calls = fakeApi({
      'attachments.list': () => items,
      'attachments.add': (i) => {
        if (i.fileName === '2-房产证.pdf') throw { code: 'BAD_FILE', message: '磁盘已满' };
        const a = attachment({ id: ++id, fileName: String(i.fileName), sha256: String(id).padStart(64, 'a') });
        items = [...items, a];
        return { attachment: a, duplicateOf: [] };
      },
    });
    render(<MaterialsPanel />);
    const names = ['1-租赁合同.pdf', '2-房产证.pdf', '3-身份证.pdf', '4-营业执照.pdf'];
    drop(screen.getByTestId('material-A01'), names.map((n, i) => file(n, Array.from({ length: (4 - i) * 10 }, () => 0x25))));
    await waitFor(() => expect(uploads.pending.map((p) => p.fileName)).toEqual(['1-租赁合同.pdf', '2-房产证.pdf'])); // two at a time
    const row = (n: string) => screen.getByTestId(`upload-${n}`);
    expect(screen.getAllByRole('listitem').map((r) => r.getAttribute('data-testid'))).toEqual(names.map((n) => `upload-${n}`));
    expect(row('3-身份证.pdf').textContent).toContain('等待上传');
    uploads.pending[0]!.progress(20); // 20 of 40 bytes
    await waitFor(() => expect(row('1-租赁合同.pdf').textContent).toContain('正在上传 50%'));
    // The second finishes first (and fails): its error names it, the next file starts.
    await uploads.pending[1]!.finish();
    await waitFor(() => expect(screen.getByTestId('notice-failed').textContent).toBe('操作失败（2-房产证.pdf）：磁盘已满'));
    await waitFor(() => expect(uploads.pending.map((p) => p.fileName)).toEqual(['1-租赁合同.pdf', '3-身份证.pdf']));
    // Cancelling the third while it is sent: nothing sent to the host for it, the fourth starts.
    fireEvent.click(within(row('3-身份证.pdf')).getByRole('button', { name: '取消上传 3-身份证.pdf' }));
    await waitFor(() => expect(screen.getByTestId('notice-cancelled').textContent).toBe('已取消上传：3-身份证.pdf（未保存）'));
    await waitFor(() => expect(uploads.pending.map((p) => p.fileName)).toEqual(['1-租赁合同.pdf', '4-营业执照.pdf']));
    await uploads.pending[1]!.finish(); // the fourth before the first: its tile shows while the first is still sent
    await screen.findByTestId('attachment-51');
    expect(screen.getByTestId('upload-1-租赁合同.pdf').getAttribute('data-status')).toBe('sending');
    await uploads.pending[0]!.finish();
    await screen.findByTestId('attachment-52');
    expect(screen.queryAllByRole('listitem')).toEqual([]);
    const adds = calls.filter((c) => c.method === 'attachments.add').map((c) => [c.input.fileName, c.input.order]);
    const batch = String(adds[0]![1]).split(':')[0];
    // Each carries its place in the user's order (the host numbers them by it), whatever order they finished in.
    expect(adds).toEqual([['2-房产证.pdf', `${batch}:1:4`], ['4-营业执照.pdf', `${batch}:3:4`], ['1-租赁合同.pdf', `${batch}:0:4`]]);
    expect(screen.getByTestId('notice-added').textContent).toBe('已附加 2 个文件');
  });

  it('a queued file can be cancelled before it starts; a single file is sent without a batch order', async () => {
    uploads.hold = true;
    const calls = fakeApi({ 'attachments.add': (i) => ({ attachment: attachment({ id: 60, fileName: String(i.fileName) }), duplicateOf: [] }) });
    render(<MaterialsPanel />);
    drop(screen.getByTestId('material-A01'), [file('a.pdf', [1]), file('b.pdf', [2]), file('c.pdf', [3])]);
    await waitFor(() => expect(uploads.pending).toHaveLength(2));
    fireEvent.click(screen.getByRole('button', { name: '取消上传 c.pdf' }));
    expect(screen.queryByTestId('upload-c.pdf')).toBeNull();
    expect(screen.getByTestId('notice-cancelled').textContent).toBe('已取消上传：c.pdf（未保存）');
    await uploads.pending[0]!.finish();
    await uploads.pending[0]!.finish();
    await waitFor(() => expect(screen.getByTestId('notice-added').textContent).toBe('已附加 2 个文件'));
    expect(calls.filter((c) => c.method === 'attachments.add').map((c) => c.input.fileName)).toEqual(['a.pdf', 'b.pdf']);
    uploads.hold = false;
    drop(screen.getByTestId('material-A01'), [file('d.pdf', [4])]);
    await waitFor(() => expect(calls.filter((c) => c.method === 'attachments.add')).toHaveLength(3));
    expect(calls.filter((c) => c.method === 'attachments.add')[2]!.input.order).toBeUndefined();
  });

  it('the package dialog lists what is missing and why', async () => {
    const calls = fakeApi({
      'attachments.package': () => ({ fileName: 'x.zip', downloadId: null, size: null, entries: ['材料目录.pdf', 'A-基础身份材料/A01-增值电信业务经营许可证申请表.pdf'], missing: [{ itemKey: 'B04', title: B04.title, status: 'received', reason: 'notChecked' }, { itemKey: 'A02', title: '营业执照副本复印件', status: 'missing', reason: 'noFiles' }] }),
    });
    render(<MaterialsPanel />);
    fireEvent.click(screen.getByTestId('package-open'));
    expect((await screen.findByTestId('package-count')).textContent).toBe('将导出 1 个文件');
    const missing = screen.getByTestId('package-missing').textContent;
    expect(missing).toContain('未包含 2 项');
    expect(missing).toContain('B04 服务器托管/云服务协议 — 已收到，尚未核对');
    expect(missing).toContain('A02 营业执照副本复印件 — 没有文件');
    expect(calls.find((c) => c.method === 'attachments.package')?.input).toEqual({ clientId: 7, includeAll: false, mergeImages: false, dryRun: true });
  });
});
