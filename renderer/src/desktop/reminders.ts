/**
 * The reminder loop, the same in Electron and browser mode: at start, then each morning at 08:00 while the app runs,
 * read the dashboard and the working-day calendar, plan with shared/domain/reminders.ts (one per kind per day, quiet
 * on non-working days unless something is overdue) and show each as a desktop notification through `host.notify`
 * (Electron: the main process's Notification; browser: the Web Notification API once the user allowed it).
 * Clicking a notification opens the home page. What was sent and the on/off setting live in localStorage.
 */
import i18n from '../i18n/index';
import { call } from '../api';
import { notify } from '../host';
import { navigate } from '../route';
import { useAppStore } from '../stores/app-store';
import { createWorkCalendar } from '../../../shared/domain/calendar';
import { markSent, msUntilNextMorning, planReminders, type ReminderLog } from '../../../shared/domain/reminders';
import { reminderText } from './reminder-text';

const LOG_KEY = 'icpdesk.reminders.sent';
const ENABLED_KEY = 'icpdesk.reminders.enabled';

function read<T>(key: string, fallback: T): T {
  try {
    const v = localStorage.getItem(key);
    return v === null ? fallback : (JSON.parse(v) as T);
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown): void {
  try { localStorage.setItem(key, JSON.stringify(value)); } catch { /* private mode: remind again next start */ }
}

/** The user's setting (on unless turned off in 设置). */
export function remindersEnabled(): boolean {
  return read(ENABLED_KEY, true);
}

/** Turns reminders on or off (设置 → 桌面提醒). */
export function setRemindersEnabled(on: boolean): void {
  write(ENABLED_KEY, on);
}

/** Checks once now: shows what is due and not yet shown today. Returns how many notifications were shown. */
export async function checkReminders(): Promise<number> {
  if (!remindersEnabled()) return 0;
  if (useAppStore.getState().state !== 'ok') return 0;
  const today = useAppStore.getState().today;
  const [dashboard, years] = await Promise.all([call('dashboard.get', { today, limit: 20 }), call('calendar.years', {})]);
  const workingDay = createWorkCalendar(years).isWorkingDay(today);
  const sent = read<ReminderLog>(LOG_KEY, {});
  const plan = planReminders({ dashboard, today, workingDay, sent, enabled: true });
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const shown = [];
  for (const r of plan) {
    const { title, body } = reminderText(r, i18n.t.bind(i18n), lang);
    if (await notify({ title, body, tag: `icpdesk-${r.kind}` }, () => navigate({ name: 'home' }))) shown.push(r);
  }
  write(LOG_KEY, markSent(sent, shown, today));
  return shown.length;
}

let timer: ReturnType<typeof setTimeout> | null = null;

/** Starts the loop (idempotent): a first check once the host answered, then every morning. */
export function startReminders(): void {
  if (timer) return;
  const schedule = () => {
    timer = setTimeout(() => { void checkReminders().catch(() => undefined).finally(schedule); }, msUntilNextMorning(new Date()));
  };
  const first = () => {
    if (useAppStore.getState().state === null) { timer = setTimeout(first, 1_000); return; }
    void checkReminders().catch(() => undefined).finally(schedule);
  };
  first();
}
