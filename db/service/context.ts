import type { DB } from '../open';

/**
 * What every service function receives besides its input: the open database, where it lives, the app version and
 * a clock (injectable so tests and the e2e host can fix "now"; instants are real `Date`s, converted to China dates
 * with `chinaToday`).
 */
export interface ServiceContext {
  db: DB;
  dbPath: string;
  dataDir: string;
  version: string;
  now: () => Date;
}
