import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyText, openAttachment, printDoneText, printErrorText, printFailureOf, printRoute } from '../../renderer/src/host';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import i18n from '../../renderer/src/i18n';

type W = { icpdesk?: unknown; icpdeskHost?: unknown };

afterEach(() => {
  delete (window as unknown as W).icpdesk;
  delete (window as unknown as W).icpdeskHost;
  // The fake clipboard below is the navigator's own property: deleting it brings back happy-dom's (files share a window).
  delete (navigator as unknown as { clipboard?: unknown }).clipboard;
  vi.restoreAllMocks();
});

describe('renderer host bridge', () => {
  it('in Electron, 复制 goes through the host channel, never navigator.clipboard (the page holds no such permission)', async () => {
    const calls: unknown[] = [];
    (window as unknown as W).icpdesk = { api: {}, host: 'electron' };
    (window as unknown as W).icpdeskHost = { copyText: async (i: unknown) => { calls.push(i); return null; } };
    const browserWrite = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: browserWrite }, configurable: true });
    await copyText('【周报】2026年第48周');
    expect(calls).toEqual([{ text: '【周报】2026年第48周' }]);
    expect(browserWrite).not.toHaveBeenCalled();
  });

  it('a refused or failed Electron print job reads as a sentence in the UI language', async () => {
    (window as unknown as W).icpdesk = { api: {}, host: 'electron' };
    (window as unknown as W).icpdeskHost = {
      printRoute: async () => { throw new Error("Error invoking remote method 'host': PrintError: PRINT_BUSY: 另一个打印任务正在进行"); },
    };
    const err = await printRoute('#/print/weekly?week=2026-W48', { pdf: true, fileName: 'x' }).catch((e: unknown) => e);
    expect(printFailureOf(err)).toBe('busy');
    await i18n.changeLanguage('zh');
    expect(printErrorText(err, i18n.t)).toBe('另一个打印任务正在进行，请等它完成后再试。');
    await i18n.changeLanguage('en');
    expect(printErrorText(new Error('x PRINT_TIMEOUT: y'), i18n.t)).toBe('The print page took too long to prepare; please try again.');
    expect(printErrorText(new Error('x PRINT_CRASHED: y'), i18n.t)).toBe('The print page stopped unexpectedly; please try again.');
    expect(printErrorText(new Error('disk full'), i18n.t)).toBe('disk full');
    await i18n.changeLanguage('zh');
  });

  it('a failed 用系统应用打开 (a coded answer from the main process) reads in the UI language, not in Chinese in the English UI', async () => {
    const failed = new AppError('UNAVAILABLE', msg('open_with_system_failed', { fileName: '租赁合同.pdf', reason: 'No application knows how to open this file' }));
    const asked: unknown[] = [];
    (window as unknown as W).icpdesk = { api: {}, host: 'electron' };
    (window as unknown as W).icpdeskHost = { openAttachment: async (i: unknown) => { asked.push(i); return { ok: false, error: failed.toPayload() }; } };
    await i18n.changeLanguage('en');
    await expect(openAttachment(7)).rejects.toThrow('Cannot open “租赁合同.pdf” with a system app: No application knows how to open this file');
    await i18n.changeLanguage('zh-CN');
    await expect(openAttachment(7)).rejects.toThrow('无法用系统应用打开“租赁合同.pdf”：No application knows how to open this file');
    expect(asked).toEqual([{ id: 7 }, { id: 7 }]);
    (window as unknown as W).icpdeskHost = { openAttachment: async () => ({ ok: true, value: null }) };
    await expect(openAttachment(7)).resolves.toBeUndefined();
  });

  describe('browser mode: 导出 PDF downloads the host-rendered PDF, 打印 opens the print tab', () => {
    const HASH = '#/print/weekly-client?clientId=3&week=2026-W48';
    const FILE = '周报_太原晋祠兴旅游服务有限公司_2026-W48';

    function stubPage() {
      const opened: string[] = [];
      vi.spyOn(window, 'open').mockImplementation(((u?: string | URL) => { opened.push(String(u)); return null; }) as typeof window.open);
      const clicks: Array<{ download: string; href: string }> = [];
      vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { clicks.push({ download: this.download, href: this.href }); });
      vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:pdf');
      return { opened, clicks };
    }

    it('导出 PDF posts the route to /host/pdf with the token and UI language, then downloads it under the given name', async () => {
      const { opened, clicks } = stubPage();
      const meta = document.createElement('meta');
      meta.name = 'icpdesk-token';
      meta.content = 't0ken';
      document.head.appendChild(meta);
      const fetchMock = vi.fn(async () => new Response(new Uint8Array([37, 80, 68, 70]), { status: 200, headers: { 'Content-Type': 'application/pdf' } }));
      vi.stubGlobal('fetch', fetchMock);
      await i18n.changeLanguage('en');
      const result = await printRoute(HASH, { pdf: true, fileName: FILE });
      await i18n.changeLanguage('zh-CN');
      vi.unstubAllGlobals();
      meta.remove();
      expect(result).toBe(`${FILE}.pdf`);
      expect(fetchMock).toHaveBeenCalledTimes(1);
      const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
      expect(url).toBe('host/pdf');
      expect(init.method).toBe('POST');
      expect((init.headers as Record<string, string>)['X-ICPDesk-Token']).toBe('t0ken');
      expect(JSON.parse(String(init.body))).toEqual({ hash: HASH, fileName: FILE, lang: 'en' });
      expect(clicks).toEqual([{ download: `${FILE}.pdf`, href: 'blob:pdf' }]);
      expect(opened).toEqual([]);
      expect(printDoneText(result, i18n.t)).toBe(`已下载 ${FILE}.pdf（在浏览器的下载文件夹中）`);
    });

    it('without a Chromium on the host, 导出 PDF opens the print tab and says to choose 另存为 PDF', async () => {
      const { opened, clicks } = stubPage();
      vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ ok: false, error: { code: 'PRINT_NO_BROWSER', message: 'x' } }), { status: 503 })));
      const err = await printRoute(HASH, { pdf: true, fileName: FILE }).catch((e: unknown) => e);
      vi.unstubAllGlobals();
      expect(printFailureOf(err)).toBe('noPdf');
      expect(opened).toEqual([`${location.pathname}${HASH}&autoprint=1`]);
      expect(clicks).toEqual([]);
      expect(printErrorText(err, i18n.t)).toContain('另存为 PDF');
      await i18n.changeLanguage('en');
      expect(printErrorText(err, i18n.t)).toContain('Save as PDF');
      await i18n.changeLanguage('zh-CN');
    });

    it('a busy or timed-out render is a coded failure; 打印 opens the print tab without asking the host', async () => {
      const { opened } = stubPage();
      const fetchMock = vi.fn(async () => new Response(JSON.stringify({ ok: false, error: { code: 'PRINT_TIMEOUT', message: '生成 PDF 超时' } }), { status: 504 }));
      vi.stubGlobal('fetch', fetchMock);
      const err = await printRoute(HASH, { pdf: true, fileName: FILE }).catch((e: unknown) => e);
      expect(printFailureOf(err)).toBe('timeout');
      expect(opened).toEqual([]);
      expect(await printRoute('#/print/inspection?ids=4', { pdf: false, fileName: 'x.pdf' })).toBeNull();
      vi.unstubAllGlobals();
      expect(opened).toEqual([`${location.pathname}#/print/inspection?ids=4&autoprint=1`]);
      expect(fetchMock).toHaveBeenCalledTimes(1);
    });
  });
});
