/**
 * The app's one date field: MUI X DatePicker showing and taking 'YYYY-MM-DD' in both UI languages (never the OS
 * locale's "mm/dd/yyyy"), Chinese calendar texts in the Chinese UI, keyboard entry section by section (type
 * 20261204), a calendar button, and a clear button giving ''. The value is the contract's string.
 *
 * - `onChange(value)`: every complete date, or '' when cleared — for forms and dialogs that keep a draft.
 * - `onCommit(value)`: once per change, on blur, Enter (not the Enter that confirms an IME composition), a pick in
 *   the calendar or clear — for inline fields that save at once.
 *
 * `testId` goes on the field's hidden input, whose value is the shown text ('2026-12-04', '' when empty).
 */
import { useRef } from 'react';
import type { SxProps, Theme } from '@mui/material/styles';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import { onEnter } from '../keys';
import { useTranslation } from 'react-i18next';
import { calendarHeaderFormat, PickerLocale } from './PickerLocale';
import { DATE_FORMAT, dateToDayjs, useIsoPickerValue } from './iso-value';

export interface DateFieldProps {
  /** 'YYYY-MM-DD', or '' / null for none. */
  value: string | null | undefined;
  onChange?: (value: string) => void;
  onCommit?: (value: string) => void;
  label?: string;
  /** Accessible name when there is no visible label. */
  ariaLabel?: string;
  /** Earliest / latest date allowed ('YYYY-MM-DD'); later days are greyed out in the calendar. */
  min?: string;
  max?: string;
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

export function DateField(props: DateFieldProps) {
  return <PickerLocale><DateFieldInner {...props} /></PickerLocale>;
}

function DateFieldInner(p: DateFieldProps) {
  const { i18n } = useTranslation();
  const { inner, change, commit } = useIsoPickerValue({ value: p.value, parse: dateToDayjs, format: DATE_FORMAT, onChange: p.onChange, onCommit: p.onCommit });
  // MUI fires onAccept for every value typed in the field too; only a pick in the open calendar / clock commits here
  // (typing commits on blur or Enter, so an inline field never saves the half-typed year 0002).
  const open = useRef(false);
  return (
    <DatePicker
      label={p.label}
      value={inner}
      onChange={change}
      onOpen={() => { open.current = true; }}
      onClose={() => { open.current = false; }}
      onAccept={(v) => { if (open.current) commit(v); }}
      format={DATE_FORMAT}
      minDate={dateToDayjs(p.min) ?? undefined}
      maxDate={dateToDayjs(p.max) ?? undefined}
      disabled={p.disabled}
      autoFocus={p.autoFocus}
      sx={p.sx}
      slotProps={{
        calendarHeader: { format: calendarHeaderFormat(i18n.language) },
        field: { clearable: true, onClear: () => commit(null), onBlur: () => commit(), onKeyDown: onEnter(() => commit()) },
        textField: {
          size: p.size,
          fullWidth: p.fullWidth,
          required: p.required,
          error: p.error,
          helperText: p.helperText,
          'aria-label': p.ariaLabel,
          slotProps: { htmlInput: { 'data-testid': p.testId } as object },
        },
      }}
    />
  );
}
