import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Envelope } from '../../shared/contract';
import { setTransport } from '../../renderer/src/api';
import { App } from '../../renderer/src/App';
import { LANG_KEY } from '../../renderer/src/i18n';
import { useAppStore } from '../../renderer/src/stores/app-store';

/**
 * `<html lang>` names the UI language (screen readers, hyphenation, the browser's CJK font choice). index.html says
 * zh-CN; a consultant who chose English and reloaded got English text under `lang="zh-CN"` (QA, 2026-12-06), since the
 * attribute was only set by the language button.
 */
describe('<html lang> follows the UI language', () => {
  afterEach(() => {
    setTransport(null);
    localStorage.removeItem(LANG_KEY);
    document.documentElement.lang = 'zh-CN';
  });

  it('is "en" on the first render after a reload in English, and "zh-CN" again after the language button switches back', async () => {
    localStorage.setItem(LANG_KEY, 'en');
    document.documentElement.lang = 'zh-CN';
    useAppStore.setState({ answered: false, state: null });
    setTransport(async (): Promise<Envelope<unknown>> => ({ ok: false, error: { code: 'INTERNAL', message: 'not needed here' } }));
    render(<App />);
    await waitFor(() => expect(document.documentElement.lang).toBe('en'));
    fireEvent.click(await screen.findByTestId('lang-switch'));
    await waitFor(() => expect(document.documentElement.lang).toBe('zh-CN'));
    expect(localStorage.getItem(LANG_KEY)).toBe('zh');
  });
});
