/**
 * Issue 14 §3: native date / time / week inputs follow the OS locale ("mm/dd/yyyy", "09:00 AM" in the Chinese UI).
 * Every such field is the shared DateField / TimeField / WeekField; this scan finds any native one that comes back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../renderer/src');
const NATIVE = /type\s*[=:]\s*\{?\s*['"](date|time|week|month|datetime-local)['"]/;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.(tsx?|jsx?)$/.test(e.name) ? [p] : [];
  });
}

describe('no native date/time inputs in the renderer', () => {
  it('the pattern finds the forms it must find', () => {
    for (const s of ['<TextField type="date"', "tf('time', { type: 'time' })", '<input type="week"', 'type={"datetime-local"}']) expect(s).toMatch(NATIVE);
    expect('type="button"').not.toMatch(NATIVE);
  });

  it('renderer/src uses the shared pickers only', () => {
    const hits = files(ROOT).flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').map((line, i) => ({ f, i, line })))
      .filter((x) => NATIVE.test(x.line)).map((x) => `${path.relative(ROOT, x.f)}:${x.i + 1}`);
    expect(hits).toEqual([]);
  });
});
