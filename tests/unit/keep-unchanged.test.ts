/** keepUnchanged (renderer/src/stores/keep-unchanged.ts): a re-read list keeps the objects of the items that did not change. */
import { describe, expect, it } from 'vitest';
import { keepUnchanged } from '../../renderer/src/stores/keep-unchanged';

const a = { id: 1, status: 'missing', note: null as string | null };
const b = { id: 2, status: 'received', note: '原件' as string | null };

describe('keepUnchanged', () => {
  it('returns the previous list itself when every item is unchanged and in the same order', () => {
    const prev = [a, b];
    expect(keepUnchanged(prev, [{ ...a }, { ...b }])).toBe(prev);
  });
  it('keeps the unchanged item and takes the changed one from the new list', () => {
    const changed = { ...b, status: 'checked' };
    const out = keepUnchanged([a, b], [{ ...a }, changed]);
    expect(out[0]).toBe(a);
    expect(out[1]).toBe(changed);
  });
  it('gives a new list when items are added, removed or reordered, still reusing unchanged objects', () => {
    const prev = [a, b];
    const reordered = keepUnchanged(prev, [{ ...b }, { ...a }]);
    expect(reordered).not.toBe(prev);
    expect(reordered[0]).toBe(b);
    expect(reordered[1]).toBe(a);
    const shorter = keepUnchanged(prev, [{ ...a }]);
    expect(shorter).toEqual([a]);
    expect(shorter).not.toBe(prev);
    const c = { id: 3, status: 'missing', note: null };
    expect(keepUnchanged(prev, [{ ...a }, { ...b }, c])).toEqual([a, b, c]);
  });
  it('treats a field that appears or disappears as a change', () => {
    const withExtra = { ...a, dueDate: null };
    expect(keepUnchanged([a], [withExtra])[0]).toBe(withExtra);
  });
});
