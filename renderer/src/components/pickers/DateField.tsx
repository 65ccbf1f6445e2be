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
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import { useTranslation } from 'react-i18next';
import { calendarHeaderFormat, PickerLocale } from './PickerLocale';
import { DATE_FORMAT, dateToDayjs, useIsoPickerProps, type IsoPickerFieldProps } from './iso-value';

export interface DateFieldProps extends IsoPickerFieldProps {
  /** 'YYYY-MM-DD', or '' / null for none. */
  value: string | null | undefined;
  /** Earliest / latest date allowed ('YYYY-MM-DD'); later days are greyed out in the calendar. */
  min?: string;
  max?: string;
}

export function DateField(props: DateFieldProps) {
  return <PickerLocale><DateFieldInner {...props} /></PickerLocale>;
}

function DateFieldInner(p: DateFieldProps) {
  const { i18n } = useTranslation();
  const { picker, field, textField } = useIsoPickerProps(p, dateToDayjs, DATE_FORMAT);
  return (
    <DatePicker
      {...picker}
      minDate={dateToDayjs(p.min) ?? undefined}
      maxDate={dateToDayjs(p.max) ?? undefined}
      slotProps={{ calendarHeader: { format: calendarHeaderFormat(i18n.language) }, field, textField }}
    />
  );
}
