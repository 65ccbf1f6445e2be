/**
 * The app's date and time strings ('YYYY-MM-DD', 'HH:mm' — what the contract carries) to and from the pickers' dayjs
 * values, and the value/commit logic the shared fields share.
 */
import { useEffect, useRef, useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import type { SxProps, Theme } from '@mui/material/styles';
import { onEnter } from '../keys';

/** Display and storage format of dates, in both UI languages. */
export const DATE_FORMAT = 'YYYY-MM-DD';
/** Display and storage format of times: 24-hour clock. */
export const TIME_FORMAT = 'HH:mm';

/** 'YYYY-MM-DD' → dayjs; null for '' / null / anything that is not a real calendar date (e.g. '2026-02-30'). */
export function dateToDayjs(s: string | null | undefined): Dayjs | null {
  if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
  const d = dayjs(s);
  return d.isValid() && d.format(DATE_FORMAT) === s ? d : null;
}

/** 'HH:mm' (00:00–23:59) → dayjs on a fixed day; null for '' / null / anything else. */
export function timeToDayjs(s: string | null | undefined): Dayjs | null {
  if (!s || !/^\d{2}:\d{2}$/.test(s)) return null;
  const d = dayjs(`2000-01-01T${s}`);
  return d.isValid() && d.format(TIME_FORMAT) === s ? d : null;
}

/**
 * A picker value → the app's string: '' when empty, the formatted value when it is a complete valid value, and
 * undefined while the user is still typing (some sections empty or an impossible date) — nothing to report yet.
 */
export function fromDayjs(v: Dayjs | null, format: string): string | undefined {
  if (v === null) return '';
  return v.isValid() ? v.format(format) : undefined;
}

/**
 * State for a picker bound to an app string. The picker keeps its own (possibly incomplete) value; `onChange` hears
 * each complete value or '' (for forms that keep a draft), `commit` reports the current value once it differs from
 * the last one committed (for inline fields that save on blur, Enter, a pick in the calendar or clear). A new `value`
 * from outside (saved, reset) replaces what is shown.
 */
export function useIsoPickerValue(opts: {
  value: string | null | undefined;
  parse: (s: string | null | undefined) => Dayjs | null;
  format: string;
  onChange?: (value: string) => void;
  onCommit?: (value: string) => void;
}) {
  const { value, parse, format, onChange, onCommit } = opts;
  const outer = value ?? '';
  const [inner, setInner] = useState<Dayjs | null>(() => parse(outer));
  const lastSeen = useRef(outer);
  const committed = useRef(outer);
  useEffect(() => {
    if (outer === lastSeen.current) return;
    lastSeen.current = outer;
    committed.current = outer;
    setInner(parse(outer));
  }, [outer, parse]);
  const change = (v: Dayjs | null) => {
    setInner(v);
    const s = fromDayjs(v, format);
    if (s === undefined) return;
    lastSeen.current = s;
    onChange?.(s);
  };
  const commit = (v: Dayjs | null = inner) => {
    const s = fromDayjs(v, format);
    if (s === undefined || s === committed.current) return;
    committed.current = s;
    onCommit?.(s);
  };
  return { inner, change, commit };
}

/** The props DateField and TimeField share (the value is the contract's string; see DateField for the callbacks). */
export interface IsoPickerFieldProps {
  value: string | null | undefined;
  onChange?: (value: string) => void;
  onCommit?: (value: string) => void;
  /** Enter in the field (not an IME's), after the typed date is committed: a dialog saves, as Enter in its text fields does. */
  onEnter?: () => void;
  label?: string;
  /** Accessible name when there is no visible label. */
  ariaLabel?: string;
  required?: boolean;
  disabled?: boolean;
  autoFocus?: boolean;
  error?: boolean;
  helperText?: string;
  size?: 'small' | 'medium';
  fullWidth?: boolean;
  sx?: SxProps<Theme>;
  testId?: string;
}

/**
 * Everything a DatePicker or TimePicker of the app gets alike: value and change, commit on a pick in the open
 * calendar / clock, blur, Enter (not an IME's) or clear, and the text field's props with `testId` on its input.
 * MUI fires onAccept for every value typed in the field too; only a pick while the picker is open commits here
 * (typing commits on blur or Enter, so an inline field never saves the half-typed year 0002).
 */
export function useIsoPickerProps(p: IsoPickerFieldProps, parse: (s: string | null | undefined) => Dayjs | null, format: string) {
  const { inner, change, commit } = useIsoPickerValue({ value: p.value, parse, format, onChange: p.onChange, onCommit: p.onCommit });
  const open = useRef(false);
  return {
    picker: {
      label: p.label,
      value: inner,
      onChange: change,
      onOpen: () => { open.current = true; },
      onClose: () => { open.current = false; },
      onAccept: (v: Dayjs | null) => { if (open.current) commit(v); },
      format,
      disabled: p.disabled,
      autoFocus: p.autoFocus,
      sx: p.sx,
    },
    field: { clearable: true, onClear: () => commit(null), onBlur: () => commit(), onKeyDown: onEnter(() => { commit(); p.onEnter?.(); }) },
    textField: {
      size: p.size,
      fullWidth: p.fullWidth,
      required: p.required,
      error: p.error,
      helperText: p.helperText,
      'aria-label': p.ariaLabel,
      slotProps: { htmlInput: { 'data-testid': p.testId } as object },
    },
  };
}
