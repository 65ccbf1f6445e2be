/**
 * Reduced motion: when the system asks for it (`prefers-reduced-motion: reduce` — Windows "Show animations" off,
 * macOS "Reduce motion", GNOME animations off), the app drops its movement: MUI's transitions (dialogs, menus,
 * drawers, collapses) finish at once, buttons have no ripple, and CSS animations (spinners, indeterminate progress
 * bars) stop after their first frame. The same screens, without motion — and without the frames motion costs (the
 * e2e tests run in a context that asks for it).
 */
import useMediaQuery from '@mui/material/useMediaQuery';
import type { ThemeOptions } from '@mui/material/styles';

/** The media query the operating system's "reduce motion" setting answers. */
export const REDUCED_MOTION_QUERY = '(prefers-reduced-motion: reduce)';

/** True while the system asks for reduced motion (follows the setting live). */
export function useReducedMotion(): boolean {
  return useMediaQuery(REDUCED_MOTION_QUERY, { noSsr: true });
}

/** Theme transitions that take no time: MUI's transition components end at once and set no CSS transition. */
export const NO_TRANSITIONS: ThemeOptions['transitions'] = {
  create: () => 'none',
  duration: { shortest: 0, shorter: 0, short: 0, standard: 0, complex: 0, enteringScreen: 0, leavingScreen: 0 },
};

/** Global CSS (for CssBaseline's style overrides): CSS animations and transitions end after their first frame. */
export const NO_ANIMATION_CSS = {
  [`@media ${REDUCED_MOTION_QUERY}`]: {
    '*, *::before, *::after': {
      animationDuration: '0.01ms !important',
      animationIterationCount: '1 !important',
      transitionDuration: '0.01ms !important',
      scrollBehavior: 'auto !important',
    },
  },
};
