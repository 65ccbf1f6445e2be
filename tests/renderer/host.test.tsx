import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyText, printErrorText, printFailureOf, printRoute } from '../../renderer/src/host';
import i18n from '../../renderer/src/i18n';

type W = { icpdesk?: unknown; icpdeskHost?: unknown };

afterEach(() => {
  delete (window as unknown as W).icpdesk;
  delete (window as unknown as W).icpdeskHost;
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
});
