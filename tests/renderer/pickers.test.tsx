/**
 * The shared date / time / week fields (issue 14 §3): ISO strings in and out ('YYYY-MM-DD', 'HH:mm'), the 24-hour
 * clock, clearing to '', inline commit once per change, and the Chinese / English texts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import i18n from '../../renderer/src/i18n';
import { DateField } from '../../renderer/src/components/pickers/DateField';
import { TimeField } from '../../renderer/src/components/pickers/TimeField';
import { WeekField } from '../../renderer/src/pages/weekly/WeekField';

const hidden = (testId: string) => screen.getByTestId(testId) as HTMLInputElement;
/** The field's focusable section list (where keys and focus go). */
const sectionList = (testId: string) => (hidden(testId).closest('.MuiPickersInputBase-root') as HTMLElement).querySelector('.MuiPickersSectionList-root') as HTMLElement;
/** The text the field shows: its sections, as the user sees them. */
const shownText = (testId: string) => sectionList(testId).textContent!.replace(/[\u2066-\u2069\u200e]/g, '');

afterEach(async () => { await act(async () => { await i18n.changeLanguage('zh-CN'); }); });

describe('DateField', () => {
  it('shows the ISO date in the Chinese UI and reports a typed date as YYYY-MM-DD', () => {
    const onChange = vi.fn();
    render(<DateField value="2026-12-04" onChange={onChange} label="截止日期" testId="d" />);
    expect(hidden('d').value).toBe('2026-12-04');
    expect(shownText('d')).toBe('2026-12-04');
    fireEvent.change(hidden('d'), { target: { value: '2026-12-25' } });
    expect(onChange).toHaveBeenLastCalledWith('2026-12-25');
    expect(hidden('d').value).toBe('2026-12-25');
  });

  it('clearing gives the empty string', () => {
    const onChange = vi.fn();
    const onCommit = vi.fn();
    render(<DateField value="2026-12-04" onChange={onChange} onCommit={onCommit} testId="d" />);
    fireEvent.click(screen.getByRole('button', { name: '清除' }));
    expect(onChange).toHaveBeenLastCalledWith('');
    expect(onCommit).toHaveBeenCalledExactlyOnceWith('');
    expect(hidden('d').value).toBe('');
  });

  it('an inline field commits once, on blur, only when the date changed', () => {
    const onCommit = vi.fn();
    render(<DateField value="2026-12-04" onCommit={onCommit} testId="d" />);
    const group = sectionList('d');
    fireEvent.blur(group);
    expect(onCommit).not.toHaveBeenCalled();
    fireEvent.change(hidden('d'), { target: { value: '2027-01-08' } });
    expect(onCommit).not.toHaveBeenCalled(); // typing alone saves nothing (a half-typed year would be a valid date)
    fireEvent.blur(group);
    fireEvent.blur(group);
    expect(onCommit).toHaveBeenCalledExactlyOnceWith('2027-01-08');
  });

  it('Enter commits, the Enter that confirms an IME composition does not', () => {
    const onCommit = vi.fn();
    render(<DateField value="2026-12-04" onCommit={onCommit} testId="d" />);
    fireEvent.change(hidden('d'), { target: { value: '2026-12-10' } });
    const group = sectionList('d');
    fireEvent.keyDown(group, { key: 'Enter', isComposing: true });
    expect(onCommit).not.toHaveBeenCalled();
    fireEvent.keyDown(group, { key: 'Enter' });
    expect(onCommit).toHaveBeenCalledExactlyOnceWith('2026-12-10');
  });

  it('a pick in the calendar commits the picked day', async () => {
    const onCommit = vi.fn();
    render(<DateField value="2026-12-04" onCommit={onCommit} testId="d" />);
    fireEvent.click(screen.getByRole('button', { name: /选择日期/ }));
    const grid = await screen.findByRole('grid');
    fireEvent.click(within(grid).getByRole('gridcell', { name: '18' }));
    expect(onCommit).toHaveBeenCalledExactlyOnceWith('2026-12-18');
  });

  it('a new value from outside replaces the shown date; an empty value shows nothing', () => {
    const { rerender } = render(<DateField value="2026-12-04" testId="d" />);
    rerender(<DateField value="2025-03-01" testId="d" />);
    expect(hidden('d').value).toBe('2025-03-01');
    rerender(<DateField value={null} testId="d" />);
    expect(hidden('d').value).toBe('');
  });

  it('the calendar is in Chinese with weeks from Monday in the Chinese UI', async () => {
    render(<DateField value="2026-12-04" testId="d" />);
    fireEvent.click(screen.getByRole('button', { name: /选择日期/ }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('2026年12月');
    const heads = within(dialog).getAllByRole('columnheader').map((h) => h.textContent);
    expect(heads.slice(0, 2)).toEqual(['一', '二']);
  });

  it('shows YYYY-MM-DD in the English UI too, with English texts', async () => {
    await act(async () => { await i18n.changeLanguage('en'); });
    render(<DateField value="2026-12-04" testId="d" />);
    expect(shownText('d')).toBe('2026-12-04');
    expect(screen.getByRole('button', { name: /Choose date/ })).toBeTruthy();
  });
});

describe('TimeField', () => {
  it('shows and reports 24-hour HH:mm', () => {
    const onChange = vi.fn();
    render(<TimeField value="14:30" onChange={onChange} testId="t" />);
    expect(hidden('t').value).toBe('14:30');
    expect(shownText('t')).toBe('14:30');
    fireEvent.change(hidden('t'), { target: { value: '09:05' } });
    expect(onChange).toHaveBeenLastCalledWith('09:05');
    fireEvent.change(hidden('t'), { target: { value: '23:45' } });
    expect(onChange).toHaveBeenLastCalledWith('23:45');
    expect(shownText('t')).not.toMatch(/AM|PM|上午|下午/);
  });

  it('the clock list offers hours 00–23 and no AM/PM; clearing gives the empty string', async () => {
    const onChange = vi.fn();
    render(<TimeField value="14:30" onChange={onChange} testId="t" />);
    fireEvent.click(screen.getByRole('button', { name: /选择时间/ }));
    const dialog = await screen.findByRole('dialog');
    const hours = within(dialog).getAllByRole('option').map((o) => o.textContent);
    expect(hours).toContain('23');
    expect(dialog.textContent).not.toMatch(/AM|PM|上午|下午/);
    fireEvent.click(screen.getAllByRole('button', { name: '清除' })[0]);
    expect(onChange).toHaveBeenLastCalledWith('');
  });
});

describe('WeekField', () => {
  it('shows 2026年第48周 in the Chinese UI and takes either typed form', () => {
    const onChange = vi.fn();
    render(<WeekField week="2026-W48" onChange={onChange} />);
    const input = hidden('week-input');
    expect(input.value).toBe('2026年第48周');
    fireEvent.change(input, { target: { value: '2026年第47周' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onChange).toHaveBeenLastCalledWith('2026-W47');
    fireEvent.change(input, { target: { value: '2027-W1' } });
    fireEvent.blur(input);
    expect(onChange).toHaveBeenLastCalledWith('2027-W01');
  });

  it('a week that does not exist is refused with a message and no change', () => {
    const onChange = vi.fn();
    render(<WeekField week="2026-W48" onChange={onChange} />);
    const input = hidden('week-input');
    fireEvent.change(input, { target: { value: '2025年第53周' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onChange).not.toHaveBeenCalled();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-description')).toContain('2025年没有第53周');
  });

  it('a click on any day in the calendar picks its ISO week', async () => {
    const onChange = vi.fn();
    render(<WeekField week="2026-W48" onChange={onChange} />);
    fireEvent.click(screen.getByTestId('week-calendar-open'));
    const grid = await screen.findByRole('grid');
    // 2026-11-23 … 11-29 is week 48; Wednesday 11-18 is in week 47.
    const selected = within(grid).getAllByRole('gridcell').filter((c) => c.getAttribute('aria-selected') === 'true').map((c) => c.textContent);
    expect(selected).toEqual(['23', '24', '25', '26', '27', '28', '29']);
    fireEvent.click(within(grid).getByRole('gridcell', { name: '18' }));
    expect(onChange).toHaveBeenLastCalledWith('2026-W47');
  });

  it('shows 2026-W48 in the English UI', async () => {
    await act(async () => { await i18n.changeLanguage('en'); });
    render(<WeekField week="2026-W48" onChange={() => undefined} />);
    expect(hidden('week-input').value).toBe('2026-W48');
  });
});
