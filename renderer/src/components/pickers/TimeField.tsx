/**
 * The app's one time field: MUI X TimePicker on the 24-hour clock ('14:30', never "02:30 PM"), in both UI languages,
 * keyboard entry (type 1430), a clock list button, and a clear button giving ''. The value is the contract's 'HH:mm'.
 * `onChange` / `onCommit` / `testId` as in {@link DateField}.
 */
import { TimePicker } from '@mui/x-date-pickers/TimePicker';
import { PickerLocale } from './PickerLocale';
import { TIME_FORMAT, timeToDayjs, useIsoPickerProps, type IsoPickerFieldProps } from './iso-value';

export interface TimeFieldProps extends IsoPickerFieldProps {
  /** 'HH:mm' (24-hour), or '' / null for none. */
  value: string | null | undefined;
}

export function TimeField(props: TimeFieldProps) {
  return <PickerLocale><TimeFieldInner {...props} /></PickerLocale>;
}

function TimeFieldInner(p: TimeFieldProps) {
  const { picker, field, textField } = useIsoPickerProps(p, timeToDayjs, TIME_FORMAT);
  return <TimePicker {...picker} ampm={false} views={['hours', 'minutes']} slotProps={{ field, textField }} />;
}
