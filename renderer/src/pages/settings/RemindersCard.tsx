/**
 * 设置 → 桌面提醒: the switch for the daily desktop notifications (on by default). In browser mode turning it on asks
 * the browser for permission (from the click, as browsers require) and says so when the browser refuses.
 */
import { useState } from 'react';
import { Alert, FormControlLabel, Paper, Switch, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { hostKind } from '../../api';
import { requestNotifyPermission } from '../../host';
import { checkReminders, remindersEnabled, setRemindersEnabled } from '../../desktop/reminders';

export function RemindersCard() {
  const { t } = useTranslation();
  const [on, setOn] = useState(remindersEnabled());
  const [blocked, setBlocked] = useState(hostKind() === 'browser' && typeof Notification !== 'undefined' && Notification.permission === 'denied');
  const toggle = async (next: boolean) => {
    setRemindersEnabled(next);
    setOn(next);
    if (!next) return;
    const p = await requestNotifyPermission();
    setBlocked(p === 'denied');
    if (p === 'granted') void checkReminders().catch(() => undefined);
  };
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="reminders-card">
      <Typography variant="h6" component="h2">{t('desktop.reminders.enable')}</Typography>
      <FormControlLabel
        control={<Switch checked={on} onChange={(e) => void toggle(e.target.checked)} slotProps={{ input: { 'data-testid': 'setting-reminders' } as object }} />}
        label={t('desktop.reminders.setting')}
      />
      {on && blocked && <Alert severity="warning" data-testid="reminders-blocked">{t('desktop.reminders.blocked')}</Alert>}
    </Paper>
  );
}
