/**
 * Every form saves exactly once: the one submit pattern for dialogs and inline forms. `run` ignores calls while a
 * previous call is in flight (a ref, so two clicks in the same frame — a double-click — start one save), and
 * `pending` is true meanwhile so the form disables its action. Errors are not rethrown: the stores put a failed call's
 * Chinese message on screen; `run` resolves to false then, true on success.
 */
import { useCallback, useRef, useState } from 'react';

export function useSubmit<A extends unknown[]>(fn: (...args: A) => unknown): { run: (...args: A) => Promise<boolean>; pending: boolean } {
  const inFlight = useRef(false);
  const latest = useRef(fn);
  latest.current = fn;
  const [pending, setPending] = useState(false);
  const run = useCallback(async (...args: A): Promise<boolean> => {
    if (inFlight.current) return false;
    inFlight.current = true;
    setPending(true);
    try {
      await latest.current(...args);
      return true;
    } catch {
      return false;
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  }, []);
  return { run, pending };
}
