/**
 * Structural sharing for lists re-read from the API: an item whose fields all equal those of the item with the same
 * `id` in the previous list is replaced by that previous object, so memoised rows (React.memo) keep their props and
 * only the rows that changed re-render after a refresh. Fields are compared with zustand's `shallow` (same keys,
 * `Object.is`-equal values, one level deep: the contract's Material, Note and Event rows hold only scalars; a nested
 * object counts as changed unless it is the same object).
 */
import { shallow as sameFields } from 'zustand/shallow';

/** `prev` when `next` has the same fields (one level, `Object.is`), else `next`: a re-read record keeps its object. */
export function keepSame<T extends object>(prev: T | null, next: T | null): T | null {
  return prev && next && sameFields(prev, next) ? prev : next;
}

/**
 * `next` with every unchanged item taken from `prev` (matched by `id`); `prev` itself when nothing changed at all
 * (same length, same order, every item unchanged), so a selector on the list does not fire.
 */
export function keepUnchanged<T extends { id: number }>(prev: readonly T[], next: T[]): T[] {
  if (!prev.length) return next;
  const byId = new Map(prev.map((x) => [x.id, x]));
  let same = prev.length === next.length;
  const out = next.map((x, i) => {
    const old = byId.get(x.id);
    if (old && sameFields(old, x)) {
      if (prev[i] !== old) same = false;
      return old;
    }
    same = false;
    return x;
  });
  return same ? (prev as T[]) : out;
}
