/**
 * The app's one time field: MUI X TimePicker on the 24-hour clock ('14:30', never "02:30 PM"), in both UI languages,
 * keyboard entry (type 1430), a clock list button, and a clear button giving ''. The value is the contract's 'HH:mm'.
 * `onChange` / `onCommit` / `testId` as in {@link DateField}.
 */
import { useRef } from 'react';
import type { SxProps, Theme } from '@mui/material/styles';
import { TimePicker } from '@mui/x-date-pickers/TimePicker';
import { onEnter } from '../keys';
import { PickerLocale } from './PickerLocale';
import { TIME_FORMAT, timeToDayjs, useIsoPickerValue } from './iso-value';

export interface TimeFieldProps {
  /** 'HH:mm' (24-hour), or '' / null for none. */
  value: string | null | undefined;
  onChange?: (value: string) => void;
  onCommit?: (value: string) => void;
  label?: string;
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

export function TimeField(props: TimeFieldProps) {
  return <PickerLocale><TimeFieldInner {...props} /></PickerLocale>;
}

function TimeFieldInner(p: TimeFieldProps) {
  const { inner, change, commit } = useIsoPickerValue({ value: p.value, parse: timeToDayjs, format: TIME_FORMAT, onChange: p.onChange, onCommit: p.onCommit });
  // MUI fires onAccept for every value typed in the field too; only a pick in the open calendar / clock commits here
  // (typing commits on blur or Enter, so an inline field never saves the half-typed year 0002).
  const open = useRef(false);
  return (
    <TimePicker
      label={p.label}
      value={inner}
      onChange={change}
      onOpen={() => { open.current = true; }}
      onClose={() => { open.current = false; }}
      onAccept={(v) => { if (open.current) commit(v); }}
      format={TIME_FORMAT}
      ampm={false}
      views={['hours', 'minutes']}
      disabled={p.disabled}
      autoFocus={p.autoFocus}
      sx={p.sx}
      slotProps={{
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
