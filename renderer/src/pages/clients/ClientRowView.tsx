/**
 * One row of the client register's virtual list. Memoised, with one constant style for every row and the row's
 * position as an inline transform: typing in the search box re-renders the page, not the 30-odd visible rows, and
 * scrolling creates no new style rules (a per-row `sx` transform would add one CSS class per position).
 */
import { memo } from 'react';
import { Box, Tooltip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ClientRow } from '../../../../shared/contract';
import { navigate } from '../../route';
import { onEnter } from '../../components/keys';
import { cityLabel } from '../../i18n/domain';

const ELLIPSIS = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

/** A register row: `row` undefined while its page loads (shows …), `start` its offset in px, `grid` the column template. */
export const ClientRowView = memo(function ClientRowView(props: { row: ClientRow | undefined; start: number; height: number; grid: string }) {
  const { t } = useTranslation();
  const r = props.row;
  const open = () => r && navigate({ name: 'client', id: r.id });
  return (
    <Box
      role="row"
      tabIndex={0}
      data-testid={r ? `client-row-${r.id}` : undefined}
      onClick={open}
      onKeyDown={onEnter(() => open())}
      style={{ transform: `translateY(${props.start}px)`, height: props.height, gridTemplateColumns: props.grid }}
      sx={{
        position: 'absolute', top: 0, left: 0, right: 0, display: 'grid', alignItems: 'center', px: 1, fontSize: 14,
        borderBottom: 1, borderColor: 'divider', cursor: 'pointer', '&:hover, &:focus': { bgcolor: 'action.hover', outline: 'none' },
        '& > .ellipsis': ELLIPSIS,
      }}
    >
      {r ? (
        <>
          <div className="ellipsis" data-testid="client-row-name">
            {r.name}{!r.usccValid && <Tooltip title={t('clients.usccWarn')}><Box component="span" sx={{ color: 'warning.main', ml: 0.5 }}>⚠</Box></Tooltip>}
          </div>
          <div data-testid="client-row-city">{cityLabel(r.city)}</div>
          <div>{t(`common.industry.${r.industry}`, { defaultValue: r.industry })}</div>
          <div>{t(`common.stage.${r.stage}`)}</div>
          <div>{r.materialsDone}/{r.materialsTotal}</div>
          <div>{r.consultant ?? '—'}</div>
          <div className="ellipsis">{[r.contactName, r.contactPhone].filter(Boolean).join(' ') || '—'}</div>
          <div>{r.lastNoteDate ?? '—'}</div>
        </>
      ) : <Box sx={{ color: 'text.disabled' }}>…</Box>}
    </Box>
  );
});
