/**
 * The app shell: MUI theme with the zh-CN (or en) locale, date-picker localisation, the top bar with navigation and
 * the language switch, and the current route's page.
 */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { AppBar, Box, Button, CssBaseline, LinearProgress, Toolbar, Typography } from '@mui/material';
import { createTheme, ThemeProvider } from '@mui/material/styles';
import { zhCN, enUS } from '@mui/material/locale';
import { PickerLocale } from './components/pickers/PickerLocale';
import { useTranslation } from 'react-i18next';
import i18n, { LANG_KEY, initialLang, type Lang } from './i18n/index';
import { navigate, useRoute, type Route } from './route';
import { startAppClock, useAppStore } from './stores/app-store';
import { APP_FONT_STACK } from './fonts';
import { NO_ANIMATION_CSS, NO_TRANSITIONS, useReducedMotion } from './motion';
import { ClientsPage } from './pages/ClientsPage';
import { HomePage } from './pages/HomePage';
import { RecoveryPage } from './pages/RecoveryPage';
import { NewerVersionPage } from './pages/NewerVersionPage';
import { useDesktop } from './desktop/use-desktop';

// Loaded when first opened (issue 16: a smaller first download for the first screen, which is the dashboard or the
// register): one client's page (with its attachment viewer and pdf.js), a new client, the board, the weekly report,
// settings, import, the inspection template editor and the print views with their registry.
const ClientPage = lazy(() => import('./pages/ClientPage').then((m) => ({ default: m.ClientPage })));
const NewClientPage = lazy(() => import('./pages/NewClientPage').then((m) => ({ default: m.NewClientPage })));
const WeeklyPage = lazy(() => import('./pages/WeeklyPage').then((m) => ({ default: m.WeeklyPage })));
const BoardPage = lazy(() => import('./pages/BoardPage').then((m) => ({ default: m.BoardPage })));
const SettingsPage = lazy(() => import('./pages/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const ImportPage = lazy(() => import('./pages/ImportPage').then((m) => ({ default: m.ImportPage })));
const InspectionTemplatePage = lazy(() => import('./pages/InspectionTemplatePage').then((m) => ({ default: m.InspectionTemplatePage })));
const PrintPage = lazy(() => Promise.all([import('./print/PrintPage'), import('./print/views')]).then(([m]) => ({ default: m.PrintPage })));

export function App() {
  const { t } = useTranslation();
  const [lang, setLang] = useState<Lang>(initialLang());
  const route = useRoute((s) => s.route);
  const dataState = useAppStore((s) => s.state);
  const dataOpen = dataState !== 'recovery' && dataState !== 'newer';
  const answered = useAppStore((s) => s.answered);
  useEffect(() => startAppClock(), []);
  useDesktop(lang, route.name === 'print');
  // <html lang> follows the UI language from the first paint (index.html says zh-CN), also after a reload in English.
  useEffect(() => { document.documentElement.lang = lang; }, [lang]);
  const reducedMotion = useReducedMotion();
  const theme = useMemo(
    () => createTheme({
      palette: { primary: { main: '#1f5fa8' } }, typography: { fontFamily: APP_FONT_STACK, button: { textTransform: 'none' } },
      ...(reducedMotion ? { transitions: NO_TRANSITIONS } : {}),
      components: {
        // A long unbroken value someone typed or imported (a URL, a domain, a licence scope without spaces) wraps where it
        // must instead of widening the page past 1366 px; 'anywhere' (unlike break-word) also lets flex and table cells shrink.
        MuiCssBaseline: { styleOverrides: { body: { overflowWrap: 'anywhere' }, ...(reducedMotion ? NO_ANIMATION_CSS : {}) } },
        ...(reducedMotion ? { MuiButtonBase: { defaultProps: { disableRipple: true } } } : {}),
      },
    }, lang === 'en' ? enUS : zhCN),
    [lang, reducedMotion],
  );
  const switchLang = () => {
    const next: Lang = lang === 'en' ? 'zh-CN' : 'en';
    void i18n.changeLanguage(next);
    try { localStorage.setItem(LANG_KEY, next === 'en' ? 'en' : 'zh'); } catch { /* private mode: keep in memory */ }
    setLang(next);
  };
  if (route.name === 'print') return <Suspense fallback={null}><PrintPage view={route.view} params={route.params} /></Suspense>;
  return (
    <ThemeProvider theme={theme}>
      <PickerLocale>
        <CssBaseline />
        <AppBar position="sticky" elevation={1}>
          <Toolbar variant="dense" sx={{ gap: 1 }}>
            <Typography variant="h6" sx={{ mr: 3, cursor: 'pointer' }} onClick={() => navigate({ name: 'home' })}>
              {t('common.appName')}
            </Typography>
            {dataOpen && (
              <>
                <Button color="inherit" onClick={() => navigate({ name: 'home' })} data-testid="nav-home">{t('deadlines.nav.home')}</Button>
                <Button color="inherit" onClick={() => navigate({ name: 'clients' })} data-testid="nav-clients">{t('common.nav.clients')}</Button>
                <Button color="inherit" onClick={() => navigate({ name: 'board' })} data-testid="nav-board">{t('deadlines.nav.board')}</Button>
                <Button color="inherit" onClick={() => navigate({ name: 'import' })} data-testid="nav-import">{t('common.nav.import')}</Button>
                <Button color="inherit" onClick={() => navigate({ name: 'newClient' })} data-testid="nav-new-client" title={t('desktop.shortcuts.newClient')}>{t('common.nav.newClient')}</Button>
                <Button color="inherit" onClick={() => navigate({ name: 'weekly', week: null, clientId: null })} data-testid="nav-weekly">{t('weekly.nav')}</Button>
              </>
            )}
            <Box sx={{ flex: 1 }} />
            {dataOpen && <Button color="inherit" onClick={() => navigate({ name: 'settings' })} data-testid="nav-settings">{t('deadlines.nav.settings')}</Button>}
            <Button color="inherit" onClick={switchLang} data-testid="lang-switch">{t('common.lang.switchTo')}</Button>
          </Toolbar>
        </AppBar>
        <Box component="main" sx={{ p: 2 }}>
          {/* When the data is not open, the recovery / newer-version screen replaces every page (the host refuses the
              rest). Pages wait for the host's first answer: its `today` (ICPDESK_NOW, the host's clock) is the one
              every deadline is computed for, and a page drawn for the browser's guess would load twice. */}
          {!answered && <LinearProgress data-testid="app-starting" aria-label={t('common.loading')} />}
          {dataState === 'recovery' && <RecoveryPage />}
          {dataState === 'newer' && <NewerVersionPage />}
          {answered && dataOpen && <RoutePage route={route} />}
        </Box>
      </PickerLocale>
    </ThemeProvider>
  );
}

/** The page of the current route (when the data is open). */
function RoutePage({ route }: { route: Route }) {
  return (
    <Suspense fallback={<LinearProgress data-testid="page-loading" />}>
      {route.name === 'home' && <HomePage />}
      {route.name === 'clients' && <ClientsPage />}
      {route.name === 'board' && <BoardPage />}
      {route.name === 'settings' && <SettingsPage />}
      {route.name === 'client' && <ClientPage key={route.id} id={route.id} tab={route.tab ?? null} />}
      {route.name === 'newClient' && <NewClientPage />}
      {route.name === 'import' && <ImportPage />}
      {route.name === 'weekly' && <WeeklyPage week={route.week} clientId={route.clientId} />}
      {route.name === 'inspectionTemplate' && <InspectionTemplatePage />}
    </Suspense>
  );
}
