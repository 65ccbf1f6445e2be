/**
 * Registers every print view in PRINT_VIEWS (one line per feature). Imported once by App.tsx.
 */
import { PRINT_VIEWS } from './PrintPage';
import { WeeklyClientPrint, WeeklyRollupPrint } from './weekly-views';

PRINT_VIEWS['weekly-client'] = WeeklyClientPrint;
PRINT_VIEWS['weekly-rollup'] = WeeklyRollupPrint;
import { EligibilitySheet } from './EligibilitySheet';

PRINT_VIEWS['eligibility'] = EligibilitySheet;
import { InspectionSheetView } from './InspectionSheetView';

PRINT_VIEWS['inspection'] = InspectionSheetView;

export { PRINT_VIEWS };
