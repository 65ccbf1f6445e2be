/**
 * The week field of the week picker: the week's short name in the UI language ('2026年第48周' / '2026-W48', from
 * shared/domain/weeks), editable by keyboard (either form, applied on Enter — not an IME's Enter — or blur), and a
 * calendar button opening a month calendar (Chinese in the Chinese UI, weeks from Monday, ISO week numbers) where a
 * click on any day picks its week; the chosen week's seven days are highlighted.
 */
import { useEffect, useState } from 'react';
import { IconButton, InputAdornment, Popover, TextField } from '@mui/material';
import CalendarMonthIcon from '@mui/icons-material/CalendarMonth';
import { DateCalendar } from '@mui/x-date-pickers/DateCalendar';
import { PickerDay, type PickerDayProps } from '@mui/x-date-pickers/PickerDay';
import { useTranslation } from 'react-i18next';
import { isoWeekFromId, isoWeekId, isoWeekOf, weekFromText, weekShortLabel, type IsoWeek } from '../../../../shared/domain/weeks';
import { onEnter } from '../../components/keys';
import { calendarHeaderFormat, PickerLocale } from '../../components/pickers/PickerLocale';
import { dateToDayjs, DATE_FORMAT } from '../../components/pickers/iso-value';

/** A calendar day, shown selected when it lies in the chosen week (Monday–Sunday). */
function WeekDay(props: PickerDayProps & { chosenWeek?: IsoWeek }) {
  const { chosenWeek, ...rest } = props;
  const d = props.day.format(DATE_FORMAT);
  const inWeek = !!chosenWeek && d >= chosenWeek.start && d <= chosenWeek.end;
  const selected = inWeek && !props.outsideCurrentMonth;
  return <PickerDay {...rest} selected={selected} aria-selected={selected} />;
}

export function WeekField({ week, onChange }: { week: string; onChange: (week: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const w = isoWeekFromId(week);
  const shown = weekShortLabel(w, lang);
  const [text, setText] = useState(shown);
  const [bad, setBad] = useState<string | null>(null);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  useEffect(() => { setText(shown); setBad(null); }, [shown]);
  const apply = () => {
    try {
      const id = isoWeekId(weekFromText(text));
      setBad(null);
      if (id !== week) onChange(id);
      else setText(shown);
    } catch (e) {
      setBad((e as Error).message);
    }
  };
  return (
    <>
      <TextField
        size="small"
        label={t('weekly.week.label')}
        value={text}
        onChange={(e) => { setText(e.target.value); setBad(null); }}
        onBlur={apply}
        onKeyDown={onEnter(apply)}
        error={!!bad}
        title={bad ?? t('weekly.week.typeHint')}
        sx={{ width: 190 }}
        slotProps={{
          inputLabel: { shrink: true },
          htmlInput: { 'data-testid': 'week-input', 'aria-label': t('weekly.week.pick'), 'aria-invalid': !!bad, 'aria-description': bad ?? t('weekly.week.typeHint') },
          input: {
            endAdornment: (
              <InputAdornment position="end">
                <IconButton size="small" edge="end" aria-label={t('weekly.week.calendar')} onClick={(e) => setAnchor(e.currentTarget)} data-testid="week-calendar-open">
                  <CalendarMonthIcon fontSize="small" />
                </IconButton>
              </InputAdornment>
            ),
          },
        }}
      />
      <Popover open={!!anchor} anchorEl={anchor} onClose={() => setAnchor(null)} anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }} transformOrigin={{ vertical: 'top', horizontal: 'right' }}>
        <PickerLocale>
          <DateCalendar
            value={dateToDayjs(w.start)}
            onChange={(d) => {
              if (!d?.isValid()) return;
              setAnchor(null);
              const id = isoWeekId(isoWeekOf(d.format(DATE_FORMAT)));
              if (id !== week) onChange(id);
            }}
            displayWeekNumber={lang === 'zh-CN'}
            slots={{ day: WeekDay }}
            slotProps={{ day: { chosenWeek: w } as object, calendarHeader: { format: calendarHeaderFormat(i18n.language) } }}
            data-testid="week-calendar"
          />
        </PickerLocale>
      </Popover>
    </>
  );
}
