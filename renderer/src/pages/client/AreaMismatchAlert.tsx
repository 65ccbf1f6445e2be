/**
 * The client page's warning when the declared office area (register) and the latest inspection's measured area are
 * more than 10 % apart ("办公面积：登记 80㎡，实测 45㎡…", issue 12). Reads `eligibility.get`'s `areaMismatch`, again
 * whenever the client or its inspections change; shows nothing otherwise (or when the call fails).
 */
import { useEffect, useState } from 'react';
import { Alert } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { EligibilityAssessmentOut } from '../../../../shared/contracts/eligibility';
import { call } from '../../api';
import { useClientStore } from '../../stores/client-store';
import { useInspectionsStore } from '../../stores/inspections-store';
import { areaMismatchText } from './eligibility-text';

export function AreaMismatchAlert({ clientId }: { clientId: number }) {
  const { t } = useTranslation();
  const updatedAt = useClientStore((s) => s.client?.updatedAt);
  const inspections = useInspectionsStore((s) => s.inspections);
  const [m, setM] = useState<EligibilityAssessmentOut['areaMismatch']>(null);
  useEffect(() => {
    let live = true;
    call('eligibility.get', { clientId }).then((a) => { if (live) setM(a.areaMismatch); }, () => { if (live) setM(null); });
    return () => { live = false; };
  }, [clientId, updatedAt, inspections]);
  return m ? <Alert severity="warning" data-testid="client-area-mismatch">{areaMismatchText(t, m)}</Alert> : null;
}
