/**
 * Registers every print view in PRINT_VIEWS (one line per feature). Imported once by App.tsx.
 */
import { PRINT_VIEWS } from './PrintPage';
import { InspectionSheetView } from './InspectionSheetView';

PRINT_VIEWS['inspection'] = InspectionSheetView;

export { PRINT_VIEWS };
