/**
 * A small filter drop-down (city, stage, consultant…) with an "all" entry: `value` null means no filter.
 * Used by the register and the weekly roll-up.
 */
import { FormControl, InputLabel, MenuItem, Select } from '@mui/material';
import { useTranslation } from 'react-i18next';

export function FilterSelect(props: { label: string; value: string | null; options: Array<{ value: string; label: string }>; onChange: (v: string | null) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <FormControl size="small" sx={{ minWidth: 130 }}>
      <InputLabel>{props.label}</InputLabel>
      <Select label={props.label} value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value ? String(e.target.value) : null)} data-testid={props.testId}>
        <MenuItem value="">{t('common.all')}</MenuItem>
        {props.options.map((o) => <MenuItem key={o.value} value={o.value}>{o.label}</MenuItem>)}
      </Select>
    </FormControl>
  );
}
