/**
 * The holiday calendar as the app uses it: the built-in years (shared/domain/calendar.ts) merged with the years the
 * user added or corrected in settings (table holiday_years; a stored year replaces that year's built-in data).
 */
import type { Out, Parsed } from '../../shared/contract';
import { BUILTIN_HOLIDAY_YEARS, createWorkCalendar, isoWeekday, mergeHolidayYears, type HolidayYear, type WorkCalendar } from '../../shared/domain/calendar';
import { AppError, fieldIssue, type FieldIssue } from '../../shared/errors';
import { msg, type Message, type MessageCode } from '../../shared/messages';
import type { ServiceContext } from './context';
import { stmt } from './stmt';

interface StoredYear extends HolidayYear {
  updatedAt: string;
}

function storedYears(ctx: ServiceContext): StoredYear[] {
  const rows = stmt(ctx.db, 'SELECT year, source, holidays, workdays, updated_at FROM holiday_years ORDER BY year').all() as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    year: r.year as number,
    source: r.source as string,
    holidays: JSON.parse(r.holidays as string),
    workdays: JSON.parse(r.workdays as string),
    updatedAt: r.updated_at as string,
  }));
}

/** The working-day calendar: built-in years merged with the user's. */
export function loadCalendar(ctx: ServiceContext): WorkCalendar {
  return createWorkCalendar(mergeHolidayYears(BUILTIN_HOLIDAY_YEARS, storedYears(ctx)));
}

/** Every year with data, ascending, saying whether it is built in, user-added or a user correction of a built-in year. */
export function listCalendarYears(ctx: ServiceContext): Out<'calendar.years'> {
  const stored = new Map(storedYears(ctx).map((y) => [y.year, y]));
  const builtin = new Map(BUILTIN_HOLIDAY_YEARS.map((y) => [y.year, y]));
  const years = [...new Set([...stored.keys(), ...builtin.keys()])].sort((a, b) => a - b);
  return years.map((year) => {
    const s = stored.get(year);
    const y = s ?? builtin.get(year)!;
    return {
      year, source: y.source, holidays: y.holidays, workdays: y.workdays,
      origin: s ? (builtin.has(year) ? 'override' : 'user') : 'builtin',
      updatedAt: s?.updatedAt ?? null,
    };
  });
}

/**
 * Stores a year's arrangement (replacing any stored data for that year).
 * @throws VALIDATION (nothing written) if a date lies outside year−1 … year+1, an adjusted working day (调休) is not a
 *   Saturday or Sunday, a date is both a day off and a working day, or a date is listed twice
 */
export function setCalendarYear(ctx: ServiceContext, input: Parsed<'calendar.setYear'>): Out<'calendar.setYear'> {
  const fields: FieldIssue[] = [];
  const problem = (path: string, m: Message) => fields.push(fieldIssue(path, m));
  const seen = new Set<string>();
  const check = (list: 'holidays' | 'workdays') =>
    input[list].forEach((d, i) => {
      const y = Number(d.date.slice(0, 4));
      if (Math.abs(y - input.year) > 1) problem(`${list}.${i}`, msg('holiday_year_range', { date: d.date, year: input.year }));
      if (seen.has(d.date)) problem(`${list}.${i}`, msg('holiday_duplicate', { date: d.date }));
      seen.add(d.date);
      if (list === 'workdays' && isoWeekday(d.date) < 6) problem(`${list}.${i}`, msg('holiday_workday_weekday', { date: d.date }));
    });
  check('holidays');
  check('workdays');
  // The sentence lists the first ten problems (a pasted year can hold hundreds); details.fields keeps them all.
  const problems = fields.slice(0, 10).map((f) => msg(f.key as MessageCode, f.params));
  if (fields.length) throw new AppError('VALIDATION', msg('holidays_invalid', { problems }), { fields });
  ctx.db
    .prepare(
      `INSERT INTO holiday_years (year, source, holidays, workdays, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(year) DO UPDATE SET source = excluded.source, holidays = excluded.holidays, workdays = excluded.workdays, updated_at = excluded.updated_at`,
    )
    .run(input.year, input.source, JSON.stringify(input.holidays), JSON.stringify(input.workdays), ctx.now().toISOString());
  return listCalendarYears(ctx).find((y) => y.year === input.year)!;
}

/** Removes the user's data for a year (a built-in year then shows its built-in data again). NOT_FOUND if none stored. */
export function removeCalendarYear(ctx: ServiceContext, input: Parsed<'calendar.removeYear'>): Out<'calendar.removeYear'> {
  const info = ctx.db.prepare('DELETE FROM holiday_years WHERE year = ?').run(input.year);
  if (!info.changes) throw new AppError('NOT_FOUND', msg('holiday_year_not_stored', { year: input.year }), { year: input.year });
  return { ok: true };
}
