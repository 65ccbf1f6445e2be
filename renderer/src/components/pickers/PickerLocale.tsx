/**
 * The date-picker localisation for the UI language: the dayjs adapter in 'zh-cn' (weeks start on Monday, month and
 * weekday names in Chinese) with MUI X's zhCN texts ("清除", "选择日期"), or 'en' with enUS. App.tsx wraps every page in
 * it; the shared date and time fields wrap themselves too, so they are right wherever they are rendered (tests, dialogs).
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { AdapterDayjs } from '@mui/x-date-pickers/AdapterDayjs';
import { enUS, zhCN } from '@mui/x-date-pickers/locales';
import 'dayjs/locale/zh-cn';

const ZH_TEXT = zhCN.components.MuiLocalizationProvider.defaultProps.localeText;
const EN_TEXT = enUS.components.MuiLocalizationProvider.defaultProps.localeText;


/** The calendar's month heading for a UI language: '2026年12月' (dayjs zh-cn alone gives '十二月 2026'), 'December 2026'. */
export function calendarHeaderFormat(lang: string): string | undefined {
  return lang === 'en' ? undefined : 'YYYY年M月';
}

/** Provides the pickers' adapter locale and texts for the current i18next language ('en' → English, else Chinese). */
export function PickerLocale({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <LocalizationProvider dateAdapter={AdapterDayjs} adapterLocale={en ? 'en' : 'zh-cn'} localeText={en ? EN_TEXT : ZH_TEXT}>
      {children}
    </LocalizationProvider>
  );
}
