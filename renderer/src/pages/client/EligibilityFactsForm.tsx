/**
 * The eligibility facts the register lacks, as a form: legal form, cross-province, yes/no/unknown for premises,
 * equipment, staff roles, security measures and compliance, the credit-report date, and the two texts the pitfall
 * warnings compare (the platform's real business, the lease address). "Unknown" stays unknown — never a pass.
 */
import { useEffect, useState } from 'react';
import { Box, Button, Checkbox, FormControlLabel, Grid, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { EligibilityAssessmentOut } from '../../../../shared/contracts/eligibility';
import { ENTITY_TYPES, type EligibilityFacts } from '../../../../shared/domain/eligibility';
import { useClientDeadlinesStore } from '../../stores/client-deadlines-store';
import { useSubmit } from '../../components/use-submit';
import { useCommand } from '../../desktop/keymap';
import { DateField } from '../../components/pickers/DateField';

type TriKey = 'fireFiling' | 'hasComputers' | 'hasServer' | 'hasFirewall' | 'staffTechLead' | 'staffCustomerService' | 'staffSecurity'
  | 'secEncryption' | 'secFirewallIds' | 'secPrivacy' | 'operationRules' | 'violations2y' | 'abnormalList';
const GROUPS: Array<{ key: string; facts: TriKey[] }> = [
  { key: 'premises', facts: ['fireFiling', 'hasComputers', 'hasServer', 'hasFirewall'] },
  { key: 'staff', facts: ['staffTechLead', 'staffCustomerService', 'staffSecurity'] },
  { key: 'security', facts: ['secEncryption', 'secFirewallIds', 'secPrivacy', 'operationRules'] },
  { key: 'compliance', facts: ['violations2y', 'abnormalList'] },
];
const triValue = (v: boolean | null) => (v === null ? '' : v ? 'yes' : 'no');

export function EligibilityFactsForm({ data, onSaved }: { data: EligibilityAssessmentOut; onSaved: () => void }) {
  const { t } = useTranslation();
  const saveFacts = useClientDeadlinesStore((s) => s.saveFacts);
  const { run: save, pending: saving } = useSubmit(() => saveFacts(f).then(onSaved));
  const [f, setF] = useState<EligibilityFacts>(data.facts as EligibilityFacts);
  useEffect(() => setF(data.facts as EligibilityFacts), [data.facts]);
  useCommand('save', saving ? null : () => void save()); // Ctrl/Cmd+S, like 保存 (the form is mounted only while open)
  const tri = (k: TriKey) => (
    <TextField select size="small" fullWidth label={t(`eligibility.fact.${k}`)} value={triValue(f[k])}
      onChange={(e) => setF({ ...f, [k]: e.target.value === '' ? null : e.target.value === 'yes' })} slotProps={{ htmlInput: { 'data-testid': `fact-${k}` } }}>
      <MenuItem value="">{t('eligibility.fact.unknown')}</MenuItem>
      <MenuItem value="yes">{t('eligibility.fact.yes')}</MenuItem>
      <MenuItem value="no">{t('eligibility.fact.no')}</MenuItem>
    </TextField>
  );
  return (
    <Stack spacing={2} data-testid="facts-form">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <TextField select size="small" sx={{ minWidth: 260 }} label={t('eligibility.fact.entityType')} value={f.entityType ?? ''} onChange={(e) => setF({ ...f, entityType: (e.target.value || null) as EligibilityFacts['entityType'] })}
          helperText={data.entityFromUscc ? t('eligibility.fact.entityFromUscc', { type: t(`eligibility.fact.entity.${data.entityFromUscc}`) }) : ' '}>
          <MenuItem value="">—</MenuItem>
          {ENTITY_TYPES.map((k) => <MenuItem key={k} value={k}>{t(`eligibility.fact.entity.${k}`)}</MenuItem>)}
        </TextField>
        <FormControlLabel control={<Checkbox checked={f.crossProvince} onChange={(e) => setF({ ...f, crossProvince: e.target.checked })} />} label={t('eligibility.fact.crossProvince')} />
      </Stack>
      {GROUPS.map((g) => (
        <Box key={g.key}>
          <Typography variant="subtitle2" sx={{ mb: 1 }}>{t(`eligibility.fact.groups.${g.key}`)}</Typography>
          <Grid container spacing={1.5}>{g.facts.map((k) => <Grid key={k} size={{ xs: 12, sm: 6, md: 3 }}>{tri(k)}</Grid>)}</Grid>
        </Box>
      ))}
      <DateField size="small" sx={{ width: 220 }} label={t('eligibility.fact.creditCheckedOn')} value={f.creditCheckedOn} onChange={(v) => setF({ ...f, creditCheckedOn: v || null })} testId="fact-creditCheckedOn" />
      <Typography variant="subtitle2">{t('eligibility.fact.groups.pitfalls')}</Typography>
      <TextField size="small" multiline minRows={2} label={t('eligibility.fact.platformBusiness')} value={f.platformBusiness ?? ''} onChange={(e) => setF({ ...f, platformBusiness: e.target.value || null })} slotProps={{ htmlInput: { maxLength: 1000, 'data-testid': 'fact-platformBusiness' } }} />
      <TextField size="small" label={t('eligibility.fact.leaseAddress')} value={f.leaseAddress ?? ''} onChange={(e) => setF({ ...f, leaseAddress: e.target.value || null })} slotProps={{ htmlInput: { maxLength: 200 } }} />
      <Box><Button variant="contained" disabled={saving} onClick={() => void save()} data-testid="facts-save">{t('eligibility.save')}</Button></Box>
    </Stack>
  );
}
