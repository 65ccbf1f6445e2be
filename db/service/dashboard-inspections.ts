/**
 * EXTENSION POINT for the site-inspection feature (现场核查, built on a parallel branch): the dashboard's
 * "inspections today and tomorrow" section calls {@link dashboardInspections}. Until that feature is merged it
 * reports `available: false` and the dashboard shows a placeholder. To fill it, replace the body with a query over
 * the inspections table returning the inspections dated `today` and `tomorrow` (non-archived clients, by time), and
 * set `available: true`. The output shape is `DashboardInspection` in shared/contracts/deadlines.ts.
 */
import type { DashboardInspection } from '../../shared/contracts/deadlines';
import type { ServiceContext } from './context';

export function dashboardInspections(
  _ctx: ServiceContext, _today: string, _tomorrow: string,
): { available: boolean; today: DashboardInspection[]; tomorrow: DashboardInspection[] } {
  return { available: false, today: [], tomorrow: [] };
}
