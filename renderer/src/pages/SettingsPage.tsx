/**
 * Settings ('#/settings'): 数据与备份 (data folder, backups, restore, export — pages/settings/DataBackupSection.tsx),
 * the holiday calendar per year (built-in 2025–2026; the user enters next year's arrangement
 * each November, or corrects a year), the eligibility switch "registered ≥ 1 year", and the deadline rules table.
 */
import { useEffect, useState } from 'react';
import { Alert, Box, Button, Chip, FormControlLabel, Paper, Stack, Switch, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { HolidayYearInfo } from '../../../shared/contracts/deadlines';
import { BUILTIN_HOLIDAY_YEARS } from '../../../shared/domain/calendar';
import { useAppStore } from '../stores/app-store';
import { navigate } from '../route';
import { useSettingsStore } from '../stores/settings-store';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { HolidayYearDialog } from './settings/HolidayYearDialog';
import { RulesPanel } from './settings/RulesPanel';
import { RemindersCard } from './settings/RemindersCard';
import { DataBackupSection } from './settings/DataBackupSection';
import { holidaySourceLabel } from '../i18n/domain';

export function SettingsPage() {
  const { t } = useTranslation();
  const { years, loaded, rules, error, load, removeYear, setRules } = useSettingsStore();
  const today = useAppStore((s) => s.today);
  const [editing, setEditing] = useState<{ year: number; initial: HolidayYearInfo | null } | null>(null);
  const [removing, setRemoving] = useState<number | null>(null);
  useEffect(() => { void load(); }, [load]);

  const thisYear = Number(today.slice(0, 4));
  const nextMissing = [thisYear, thisYear + 1].find((y) => !years.some((x) => x.year === y));
  const hasBuiltin = (y: number) => BUILTIN_HOLIDAY_YEARS.some((b) => b.year === y);
  return (
    <Stack spacing={2} sx={{ maxWidth: 1100 }}>
      <Typography variant="h5" component="h1">{t('deadlines.settings.title')}</Typography>
      {error && <Alert severity="error">{error}</Alert>}
      <DataBackupSection />
      <Paper variant="outlined" sx={{ p: 2 }} data-testid="calendar-panel">
        <Typography variant="h6" component="h2">{t('deadlines.settings.calendar')}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>{t('deadlines.settings.calendarHint')}</Typography>
        {years.map((y) => (
          <Box key={y.year} data-testid={`calendar-year-${y.year}`} sx={{ display: 'flex', gap: 1.5, alignItems: 'center', py: 1, borderBottom: 1, borderColor: 'divider' }}>
            <Typography sx={{ fontWeight: 600, width: 56 }}>{y.year}</Typography>
            <Chip size="small" color={y.origin === 'builtin' ? 'default' : 'primary'} label={t(`deadlines.settings.origin.${y.origin}`)} />
            <Box sx={{ flex: 1, minWidth: 0 }}>
              <Typography variant="body2" noWrap title={holidaySourceLabel(y.source)}>{holidaySourceLabel(y.source)}</Typography>
              <Typography variant="caption" color="text.secondary">{t('deadlines.settings.holidaysCount', { h: y.holidays.length, w: y.workdays.length })}</Typography>
            </Box>
            <Button size="small" onClick={() => setEditing({ year: y.year, initial: y })} data-testid={`calendar-edit-${y.year}`}>{t('deadlines.settings.edit')}</Button>
            {y.origin !== 'builtin' && <Button size="small" color="error" onClick={() => setRemoving(y.year)} data-testid={`calendar-remove-${y.year}`}>{t('deadlines.settings.removeUser')}</Button>}
          </Box>
        ))}
        {/* Only once the years are read: before, every year looks missing and 添加 would offer the wrong one. */}
        {loaded && <Stack direction="row" spacing={1} sx={{ mt: 1.5 }}>
          {nextMissing && <Button variant="contained" onClick={() => setEditing({ year: nextMissing, initial: null })} data-testid="calendar-add">{t('deadlines.settings.addYear', { year: nextMissing })}</Button>}
          <Button onClick={() => setEditing({ year: Math.max(thisYear + 1, ...years.map((y) => y.year + 1)), initial: null })} data-testid="calendar-add-other">{t('deadlines.settings.addOther')}</Button>
        </Stack>}
      </Paper>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="h6" component="h2">{t('deadlines.settings.eligibility')}</Typography>
        {rules && (
          <FormControlLabel
            control={<Switch checked={rules.requireOneYear} onChange={(e) => void setRules({ requireOneYear: e.target.checked }).catch(() => undefined)} slotProps={{ input: { 'data-testid': 'setting-require-one-year' } as object }} />}
            label={t('deadlines.settings.requireOneYear')}
          />
        )}
      </Paper>
      <RemindersCard />
      <RulesPanel />
      <Paper variant="outlined" sx={{ p: 2 }} data-testid="settings-inspection-template">
        <Typography variant="h6" component="h2">{t('inspection.template.title')}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{t('inspection.template.hint')}</Typography>
        <Button variant="outlined" onClick={() => navigate({ name: 'inspectionTemplate' })} data-testid="settings-open-template">{t('inspection.editTemplate')}</Button>
      </Paper>
      <HolidayYearDialog open={!!editing} year={editing?.year ?? thisYear} initial={editing?.initial ?? null} onClose={() => setEditing(null)} />
      <ConfirmDialog
        open={removing !== null}
        title={t('deadlines.settings.removeTitle', { year: removing })}
        body={t('deadlines.settings.removeBody', { year: removing, after: removing !== null && hasBuiltin(removing) ? t('deadlines.settings.removeAfterBuiltin', { year: removing }) : t('deadlines.settings.removeAfterNone', { year: removing }) })}
        onClose={() => setRemoving(null)}
        onConfirm={() => { const y = removing!; setRemoving(null); void removeYear(y).catch(() => undefined); }}
      />
    </Stack>
  );
}
