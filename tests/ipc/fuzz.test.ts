/**
 * Fuzz: 10,000 random and mutated inputs across every contract method, through the real dispatcher on a seeded
 * database. Every answer must be a well-formed envelope (an error always has a known code and a message), nothing may
 * throw, and a call that fails must not have written anything (SQLite total_changes unchanged). Deterministic seed.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dispatch } from '../../db/dispatch';
import { contract, METHODS, type Method } from '../../shared/contract';
import { ERROR_CODES } from '../../shared/errors';
import { testContext } from '../helpers/context';
import { testTempDir } from '../helpers/temp-dirs';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
const rand = rng(20261129);
const pick = <T,>(a: readonly T[]): T => a[Math.floor(rand() * a.length)];

const STRINGS = ['', ' ', '太原', '晋', '太原市', '陽泉', '西安市', '91140106MA1QN6K440', '９１１４０３０２ＭＡＥＡ０１８２１Ｌ', '91140802MA6NLDQK80',
  '2026-11-27', '2026-02-30', '2026-W48', '1999-13-01', 'x'.repeat(5000), '%', '_', '\\', "'; DROP TABLE clients; --", '<script>alert(1)</script>',
  '__proto__', 'constructor', 'missing', 'received', 'checked', 'consultation', 'aftercare', '电商交易', 'null', '0', '-1', '1e309', '\u0000', '😀', 'ＡＢＣ'];
const NUMBERS = [0, 1, 2, 3, -1, 1.5, 2 ** 31, Number.MAX_SAFE_INTEGER, -0, 1e12, 17, 99999];

function randomValue(depth = 0): unknown {
  const r = rand();
  if (r < 0.25) return pick(STRINGS);
  if (r < 0.45) return pick(NUMBERS);
  if (r < 0.55) return rand() < 0.5;
  if (r < 0.62) return null;
  if (r < 0.66) return undefined;
  if (depth > 2) return pick(STRINGS);
  if (r < 0.8) return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = 0; i < Math.floor(rand() * 4); i++) o[pick(['id', 'clientId', 'name', 'date', 'q', 'status', 'client', 'x', '__proto__'])] = randomValue(depth + 1);
  return o;
}

/** Keys of an object schema (through defaults/optionals), so mutated inputs reach past the first check. */
function shapeKeys(schema: z.ZodType): Record<string, z.ZodType> | null {
  let s: z.ZodType = schema;
  for (let i = 0; i < 5; i++) {
    if (s instanceof z.ZodObject) return s.shape as Record<string, z.ZodType>;
    const inner = (s as unknown as { _zod: { def: { innerType?: z.ZodType } } })._zod.def.innerType;
    if (!inner) return null;
    s = inner;
  }
  return null;
}

function mutatedInput(m: string): unknown {
  const shape = Object.prototype.hasOwnProperty.call(contract, m) ? shapeKeys(contract[m as Method].input as unknown as z.ZodType) : null;
  if (!shape || rand() < 0.2) return randomValue();
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(shape)) {
    if (rand() < 0.15) continue;
    const nested = shapeKeys(v);
    if (nested && rand() < 0.7) {
      o[k] = Object.fromEntries(Object.keys(nested).map((nk) => [nk, rand() < 0.5 ? pick(STRINGS) : randomValue(2)]));
    } else o[k] = rand() < 0.4 ? pick(NUMBERS.slice(0, 4)) : randomValue(1);
  }
  return o;
}

describe('fuzz every contract method', () => {
  it('10,000 random/mutated calls: well-formed envelopes, no throw, no write from a failed call', { timeout: 300_000 }, async () => {
    const dataDir = testTempDir('icpdesk-fuzz-');
    const ctx = { ...testContext(), dataDir };
    for (const [name, uscc, city] of [['太原晋祠兴旅游服务有限公司', '91140106MA1QN6K440', '太原市'], ['大同沃土坊农产品供应链有限公司', '91140213MA4NRBGM4J', '大同市']]) {
      const r = await dispatch(ctx, 'clients.create', { client: { name, uscc, city } });
      expect(r.ok).toBe(true);
    }
    const changes = () => (ctx.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const codes = new Set<string>(ERROR_CODES);
    let failures = 0;
    for (let i = 0; i < 10_000; i++) {
      const method = rand() < 0.03 ? pick(['nope', '', 'clients', '__proto__', 'clients.list.x']) : pick(METHODS);
      const input = mutatedInput(method);
      const before = changes();
      const env = await dispatch(ctx, method, input);
      expect(typeof env.ok).toBe('boolean');
      if (!env.ok) {
        failures++;
        expect(codes.has(env.error.code), `${method}: ${env.error.code}`).toBe(true);
        expect(typeof env.error.message).toBe('string');
        expect(env.error.message.length).toBeGreaterThan(0);
        expect(env.error.code, `${method} must not fail with INTERNAL: ${env.error.message}`).not.toBe('INTERNAL');
        expect(changes(), `${method} wrote although it failed`).toBe(before);
      }
    }
    // Most calls are invalid by construction, but the mutations must also reach the services with valid input.
    expect(failures).toBeGreaterThan(5000);
    expect(10_000 - failures).toBeGreaterThan(200);
    expect(ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(ctx.db.pragma('foreign_key_check')).toEqual([]);
  });
});
