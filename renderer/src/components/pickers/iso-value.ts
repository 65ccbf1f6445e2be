/**
 * The app's date and time strings ('YYYY-MM-DD', 'HH:mm' — what the contract carries) to and from the pickers' dayjs
 * values, and the value/commit logic the shared fields share.
 */
import { useEffect, useRef, useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';

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
