import type Database from 'better-sqlite3';
import { m0010 } from './0010-initial';
import { m0020 } from './0020-weekly-next-steps';
import { m0060 } from './0060-personal-data';
import { m0040 } from './0040-deadlines';
import { m0030 } from './0030-inspections';
import { m0050 } from './0050-search';
import { m0070 } from './0070-due-dates-note-versions';
import { m0080 } from './0080-note-refs';
import { m0090 } from './0090-import-extra-info';
import { m0100 } from './0100-client-facts';
import { m0110 } from './0110-chinese-order';
import { m0120 } from './0120-attachments';
import { m0130 } from './0130-event-indexes';
import { m0140 } from './0140-client-counts';
import { m0150 } from './0150-template-order-index';

/**
 * Progress of a long migration step: `done` of `total` units (rows) of `what` (e.g. 'events'), reported between
 * chunks so a start that migrates a large file can say how far it is (db/backup/open-folder.ts logs it).
 */
export type MigrationProgress = (done: number, total: number, what: string) => void;
import { m0170 } from './0170-annual-counts';
import { m0180 } from './0180-compact-events';
import { m0190 } from './0190-compact-codes';
import { m0200 } from './0200-dashboard-windows';

/** One schema step. `version` steps by 10 and is what `PRAGMA user_version` holds after it ran. */
export interface Migration {
  version: number;
  name: string;
  /** Runs the step inside the caller's transaction; a long one reports through `progress` (optional). */
  up(db: Database.Database, progress?: MigrationProgress): void;
}

/** Every migration, in order. Released migrations are never edited; add a new file instead. */
export const MIGRATIONS: readonly Migration[] = [m0010, m0020, m0030, m0040, m0050, m0060, m0070, m0080, m0090, m0100, m0110, m0120, m0130, m0140, m0150, m0170, m0180, m0190, m0200];

/** The schema version this build writes: the last migration's version. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
