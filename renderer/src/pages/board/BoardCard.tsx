/**
 * One client on the stage board: draggable to another column (mouse), and a "move to…" menu button (keyboard and
 * screen readers); Enter on the card opens the client.
 */
import { useState } from 'react';
import { Box, IconButton, Menu, MenuItem, Paper, Typography } from '@mui/material';
import MoveIcon from '@mui/icons-material/DriveFileMove';
import { useTranslation } from 'react-i18next';
import type { ClientRow } from '../../../../shared/contract';
import { STAGES, type StageKey } from '../../../../shared/domain/stages';
import { navigate } from '../../route';
import { onEnter } from '../../components/keys';
import { cityLabel } from '../../i18n/domain';

/** The drag payload's MIME type (a client id and its current stage, JSON). */
export const DRAG_TYPE = 'application/x-icpdesk-client';

export function BoardCard({ row, onMove }: { row: ClientRow; onMove: (to: StageKey) => void }) {
  const { t } = useTranslation();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  return (
    <Paper
      variant="outlined"
      draggable
      tabIndex={0}
      data-testid={`board-card-${row.id}`}
      aria-label={row.name}
      onDragStart={(e) => {
        e.dataTransfer.setData(DRAG_TYPE, JSON.stringify({ id: row.id, from: row.stage }));
        e.dataTransfer.setData('text/plain', row.name);
        e.dataTransfer.effectAllowed = 'move';
      }}
      onKeyDown={(e) => { if (e.target === e.currentTarget) onEnter(() => navigate({ name: 'client', id: row.id }))(e); }}
      sx={{ p: 1, cursor: 'grab', '&:focus-visible': { outline: 2, outlineColor: 'primary.main' } }}
    >
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 0.5 }}>
        <Typography variant="body2" sx={{ fontWeight: 600, flex: 1, cursor: 'pointer', wordBreak: 'break-all' }} onClick={() => navigate({ name: 'client', id: row.id })}>{row.name}</Typography>
        <IconButton size="small" aria-label={t('deadlines.board.moveLabel', { name: row.name })} data-testid={`board-move-${row.id}`} onClick={(e) => setAnchor(e.currentTarget)} sx={{ p: 0.25 }}>
          <MoveIcon fontSize="small" />
        </IconButton>
      </Box>
      <Typography variant="caption" color="text.secondary" component="div">
        {cityLabel(row.city)}{row.consultant ? ` · ${row.consultant}` : ''} · {t('deadlines.board.progress', { done: row.materialsDone, total: row.materialsTotal })}
      </Typography>
      <Menu anchorEl={anchor} open={!!anchor} onClose={() => setAnchor(null)}>
        <MenuItem disabled dense>{t('deadlines.board.move')}</MenuItem>
        {STAGES.filter((s) => s.key !== row.stage).map((s) => (
          <MenuItem key={s.key} data-testid={`board-move-to-${s.key}`} onClick={() => { setAnchor(null); onMove(s.key); }}>
            {s.no}. {t(`common.stage.${s.key}`)}
          </MenuItem>
        ))}
      </Menu>
    </Paper>
  );
}
