/**
 * Driving the app's date / time fields (MUI X pickers, renderer/src/components/pickers) as a user does: click the
 * field, select all, clear, type the digits; the field shows 'YYYY-MM-DD' / 'HH:mm'. `testId` is the field's
 * hidden input (its value is the shown text).
 */
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { POLL } from './harness';

/** The visible, focusable part of the picker field whose hidden input has `testId`. */
export function pickerSections(page: Page, testId: string): Locator {
  return page.locator('.MuiPickersInputBase-root', { has: page.getByTestId(testId) }).locator('.MuiPickersSectionList-root');
}

/**
 * Types `value` ('2026-12-04' or '14:30') into the picker field by keyboard and waits until the field shows it.
 * `commit`: then press Enter (inline fields save on Enter or blur).
 */
export async function typeInPicker(page: Page, testId: string, value: string, opts: { commit?: boolean } = {}): Promise<void> {
  await pickerSections(page, testId).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(value.replace(/\D/g, ''));
  await expect.poll(() => page.getByTestId(testId).inputValue(), POLL).toBe(value);
  if (opts.commit) await page.keyboard.press('Enter');
}
