/**
 * The one Enter handler for fields. Enter that confirms an input-method composition (Chinese pinyin: typing "icp"
 * then Enter to commit the Latin letters) arrives as a keydown with `isComposing` true, or keyCode 229 in Chromium
 * and Safari; it must neither submit nor blur. Every field reacting to Enter goes through {@link onEnter}.
 */
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

type AnyKeyEvent = ReactKeyboardEvent | KeyboardEvent;

/** True while an IME composition is being confirmed or edited (the keydown belongs to the IME, not the form). */
export function isComposing(e: AnyKeyEvent): boolean {
  const native = 'nativeEvent' in e ? e.nativeEvent : e;
  return native.isComposing || native.keyCode === 229 || e.keyCode === 229;
}

/**
 * A keydown handler that calls `action` on Enter, never during an IME composition. `withModifier`: only Ctrl+Enter /
 * ⌘+Enter (multi-line fields, where plain Enter is a new line). Prevents the default when it acts.
 */
export function onEnter<E extends ReactKeyboardEvent>(action: (e: E) => void, opts: { withModifier?: boolean } = {}): (e: E) => void {
  return (e: E) => {
    if (e.key !== 'Enter' || isComposing(e)) return;
    if (opts.withModifier && !(e.ctrlKey || e.metaKey)) return;
    e.preventDefault();
    action(e);
  };
}

/** Enter commits an inline field by blurring it (its onBlur saves). */
export const enterBlurs = onEnter((e: ReactKeyboardEvent) => (e.target as HTMLElement).blur());
