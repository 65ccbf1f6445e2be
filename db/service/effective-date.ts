/**
 * The effective date of a recorded change (issue 12): a change may be back-dated (recorded on Friday, effective on
 * Tuesday) but never dated after today in China. Used by material status changes and stage moves; the event keeps
 * both this date (`occurred_on`) and the recording instant (`at`).
 */
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { chinaToday } from '../../shared/domain/weeks';
import type { ServiceContext } from './context';

/**
 * `on` ('YYYY-MM-DD') or today in China when null.
 * @throws VALIDATION (field `field`, Chinese message naming both dates) when `on` is after today
 */
export function effectiveDate(ctx: ServiceContext, on: string | null | undefined, field = 'on'): string {
  const today = chinaToday(ctx.now());
  if (!on) return today;
  if (on > today) {
    throw AppError.field('VALIDATION', field, msg('date_in_future', { on, today }));
  }
  return on;
}

/**
 * Refuses a date of something that has already happened (a progress note, a step of the process, a filing, a licence's
 * issue) when it is after today in China — a typo such as 2062 for 2026 would otherwise mark a job done or hide a
 * deadline. Only a value that changes is checked (`before`), so a record saved by an older version can still be edited.
 * @throws VALIDATION (field `field`, message date_not_yet naming both dates)
 */
export function assertPastDate(ctx: ServiceContext, on: string | null | undefined, field: string, before?: string | null): void {
  if (!on || on === before) return;
  const today = chinaToday(ctx.now());
  if (on > today) throw AppError.field('VALIDATION', field, msg('date_not_yet', { on, today }));
}
