/**
 * The user's own column mapping, remembered per header set (table import_mappings, migration 0070), so the second
 * import of the same kind of sheet needs no clicks.
 */
import { z } from 'zod';
import { ImportMapping } from '../../shared/contract';
import type { ServiceContext } from '../service/context';
import { stmt } from '../service/stmt';

const Stored = z.object({ mapping: ImportMapping, ignore: z.array(z.number().int().min(0)).default([]) });
/** A remembered mapping: field → 0-based column, and the columns the user chose to ignore. */
export type RememberedMapping = z.infer<typeof Stored>;

/** The mapping last committed for `key` (header-map.ts headerKey), or null (none, or unreadable). */
export function rememberedMapping(ctx: ServiceContext, key: string): RememberedMapping | null {
  if (!key) return null;
  const row = stmt(ctx.db, 'SELECT value FROM import_mappings WHERE header_key = ?').get(key) as { value: string } | undefined;
  if (!row) return null;
  try {
    const parsed = Stored.safeParse(JSON.parse(row.value));
    return parsed.success && parsed.data.mapping.name !== undefined ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Stores `value` as the mapping for `key` (inside the caller's transaction). */
export function rememberMapping(ctx: ServiceContext, key: string, value: RememberedMapping): void {
  if (!key) return;
  stmt(ctx.db, 'INSERT INTO import_mappings (header_key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(header_key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
    .run(key, JSON.stringify(value), ctx.now().toISOString());
}
