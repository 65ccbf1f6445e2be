/** Rule settings the user can switch (table rule_settings, JSON values), with their defaults. */
import type { Out, Parsed } from '../../shared/contract';
import type { RuleSettings } from '../../shared/contracts/deadlines';
import type { ServiceContext } from './context';
import { writeTransaction } from '../tx';

/** Defaults when nothing is stored: every rule of the spec on. */
export const DEFAULT_RULE_SETTINGS: RuleSettings = { requireOneYear: true };

export function getRuleSettings(ctx: ServiceContext): Out<'settings.get'> {
  const rows = ctx.db.prepare('SELECT key, value FROM rule_settings').all() as Array<{ key: string; value: string }>;
  const out: RuleSettings = { ...DEFAULT_RULE_SETTINGS };
  for (const r of rows) if (r.key in out) (out as Record<string, unknown>)[r.key] = JSON.parse(r.value);
  return out;
}

/** Stores the given settings (others unchanged) in one transaction. */
export function setRuleSettings(ctx: ServiceContext, input: Parsed<'settings.set'>): Out<'settings.set'> {
  const ins = ctx.db.prepare('INSERT INTO rule_settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at');
  writeTransaction(ctx.db, () => {
    for (const [k, v] of Object.entries(input)) if (v !== undefined) ins.run(k, JSON.stringify(v), ctx.now().toISOString());
  });
  return getRuleSettings(ctx);
}
