/**
 * The files of one material item as tiles: thumbnail (the image itself, the first page of a PDF via pdf.js, a kind
 * label otherwise), name, size, pages, date added, hint badges (加密/损坏/清), and a menu to view, download, rename,
 * move to another item or remove (confirmed; undo while the snackbar shows). A file picker adds files.
 */
import { memo, useEffect, useRef, useState } from 'react';
import { Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, IconButton, LinearProgress, Menu, MenuItem, TextField, Tooltip, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { Material } from '../../../../../shared/contract';
import type { Attachment } from '../../../../../shared/contracts/attachments';
import { formatInstant } from '../../../format';
import { hostPicksFiles, saveFile } from '../../../host';
import { hostKind } from '../../../api';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useDiscardGuard } from '../../../components/use-discard-guard';
import { attachmentBytes, useAttachmentsStore, type Upload } from './attachments-store';
import { imageThumbnailJob, pdfThumbnailJob, storedImageThumbnailJob, THUMB_BOX, tileBox } from './thumbnails';
import type { QueuedJob } from './thumb-queue';
import { materialTitle } from '../../../i18n/domain';
import { useClientStore } from '../../../stores/client-store';
import AddIcon from '@mui/icons-material/Add';

/** Bytes as "12.3 KB" / "4.5 MB" (1024-based, as file managers show). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Kinds shown as an image: the browser decodes the first three; HEIC through the host's converted preview. */
const IMAGES = ['jpeg', 'png', 'webp', 'heic'];


function Thumbnail({ a }: { a: Attachment }) {
  const [src, setSrc] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let url: string | null = null;
    let alive = true;
    let job: QueuedJob<unknown> | null = null;
    if (IMAGES.includes(a.kind)) {
      // A small stored thumbnail (drawn once, kept by the host); the image itself only when none can be drawn.
      const j = storedImageThumbnailJob(a, tileBox());
      job = j;
      void j.promise.then((d) => {
        if (!alive) return;
        if (d) return setSrc(d);
        const whole = imageThumbnailJob(a);
        whole.seen(); // its tile was reached already (the thumbnail's turn came)
        return whole.promise.then(({ bytes, mime }) => {
          if (!alive) return;
          url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mime }));
          setSrc(url);
        });
      }).catch(() => undefined); // a HEIC that cannot be converted keeps its kind label
    } else if (a.kind === 'pdf' && a.pdfProblem === null) {
      const j = pdfThumbnailJob(a, tileBox());
      job = j;
      void j.promise.then((d) => { if (alive) setSrc(d); }).catch(() => undefined);
    }
    // Thumbnails of tiles in view are made first (two at a time); the others follow.
    const el = box.current;
    let io: IntersectionObserver | null = null;
    if (job && el && typeof IntersectionObserver !== 'undefined') {
      const j = job;
      io = new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting)) { j.seen(); io?.disconnect(); } }, { rootMargin: '200px' });
      io.observe(el);
    }
    return () => { alive = false; io?.disconnect(); if (url) URL.revokeObjectURL(url); };
  }, [a.id, a.kind, a.mime, a.pdfProblem]);
  return (
    <Box ref={box} sx={{ width: THUMB_BOX.width, height: THUMB_BOX.height, flex: 'none', bgcolor: 'grey.100', border: 1, borderColor: 'divider', display: 'flex', alignItems: 'center', justifyContent: 'center', overflow: 'hidden' }}>
      {src
        ? <img src={src} alt="" data-testid={`thumb-${a.id}`} data-kind={a.kind} style={{ maxWidth: '100%', maxHeight: '100%' }} />
        : <Typography variant="caption" color="text.secondary" data-testid={`thumb-label-${a.id}`}>{a.kind === 'other' ? (/\.([^.]+)$/.exec(a.fileName)?.[1] ?? '?').toUpperCase() : a.kind.toUpperCase()}</Typography>}
    </Box>
  );
}

/** One file's tile; memoised, so a change to another file or item (or an upload's progress) leaves it alone. */
const Tile = memo(function Tile({ a, m }: { a: Attachment; m: Material }) {
  const { t } = useTranslation();
  const { rename, move, remove, view, open } = useAttachmentsStore.getState();
  const electron = hostKind() === 'electron';
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [moving, setMoving] = useState<number | null>(null);
  const [removing, setRemoving] = useState(false);
  const renameGuard = useDiscardGuard(renaming !== null && renaming !== a.fileName, () => setRenaming(null));
  const moveGuard = useDiscardGuard(moving !== null && moving !== m.id, () => setMoving(null));
  const download = async () => saveFile(a.fileName, await attachmentBytes(a), a.mime);
  const close = () => setMenu(null);
  return (
    <Box data-testid={`attachment-${a.id}`} sx={{ display: 'flex', gap: 1, p: 0.5, border: 1, borderColor: 'divider', borderRadius: 1, width: 300, alignItems: 'flex-start', bgcolor: 'background.paper' }}>
      <Box component="button" type="button" onClick={() => view(a)} aria-label={`${t('attachments.view')} ${a.fileName}`} sx={{ p: 0, border: 0, bgcolor: 'transparent', cursor: 'zoom-in' }}>
        <Thumbnail a={a} />
      </Box>
      <Box sx={{ minWidth: 0, flex: 1 }}>
        <Tooltip title={a.fileName}><Typography variant="body2" noWrap data-testid="attachment-name">{a.fileName}</Typography></Tooltip>
        <Typography variant="caption" color="text.secondary" component="div">
          {formatSize(a.size)}{a.pages ? ` · ${t('attachments.pages', { count: a.pages })}` : ''}{a.width && a.height ? ` · ${a.width}×${a.height}` : ''}
        </Typography>
        <Typography variant="caption" color="text.secondary" component="div">
          {t('attachments.addedAt', { date: formatInstant(a.addedAt) })}{a.addedBy ? ` · ${t('attachments.addedBy', { name: a.addedBy })}` : ''}
        </Typography>
        <Box sx={{ display: 'flex', gap: 0.5, mt: 0.25 }}>
          {a.pdfProblem && <Chip size="small" color="error" label={t(`attachments.badge.${a.pdfProblem}`)} data-testid="badge-pdf" />}
          {a.lowResolution && <Chip size="small" color="warning" label={t('attachments.badge.lowResolution')} data-testid="badge-legible" />}
        </Box>
      </Box>
      <IconButton size="small" aria-label={`${t('attachments.actions')} ${a.fileName}`} onClick={(e) => setMenu(e.currentTarget)} data-testid="attachment-menu">⋮</IconButton>
      <Menu anchorEl={menu} open={!!menu} onClose={close}>
        <MenuItem onClick={() => { close(); view(a); }}>{t('attachments.view')}</MenuItem>
        {/* Electron: open with the system app, or save a copy elsewhere. Browser: the same first item downloads the file. */}
        <MenuItem onClick={() => { close(); void open(a); }} data-testid="attachment-open">{t(electron ? 'attachments.openSystem' : 'attachments.download')}</MenuItem>
        {electron && <MenuItem onClick={() => { close(); void download(); }} data-testid="attachment-download">{t('attachments.saveAs')}</MenuItem>}
        <MenuItem onClick={() => { close(); setRenaming(a.fileName); }} data-testid="attachment-rename">{t('attachments.rename')}</MenuItem>
        <MenuItem onClick={() => { close(); setMoving(m.id); }} data-testid="attachment-move">{t('attachments.moveTo')}</MenuItem>
        <MenuItem onClick={() => { close(); setRemoving(true); }} data-testid="attachment-remove">{t('attachments.remove')}</MenuItem>
      </Menu>
      <Dialog open={renaming !== null} onClose={renameGuard.requestClose}>
        <Box component="form" onSubmit={(e) => { e.preventDefault(); if (renaming?.trim()) void rename(a, renaming.trim()); setRenaming(null); }}>
          <DialogTitle>{t('attachments.renameTitle')}</DialogTitle>
          <DialogContent>
            <TextField autoFocus fullWidth sx={{ mt: 1 }} label={t('attachments.fileName')} value={renaming ?? ''} onChange={(e) => setRenaming(e.target.value)} slotProps={{ htmlInput: { maxLength: 200, 'data-testid': 'rename-input' } }} />
          </DialogContent>
          <DialogActions>
            <Button onClick={renameGuard.requestClose} data-testid="rename-cancel">{t('attachments.cancel')}</Button>
            <Button type="submit" variant="contained" disabled={!renaming?.trim()} data-testid="rename-save">{t('attachments.save')}</Button>
          </DialogActions>
        </Box>
        {renameGuard.confirm}
      </Dialog>
      <Dialog open={moving !== null} onClose={moveGuard.requestClose}>
        <DialogTitle>{t('attachments.moveTitle', { fileName: a.fileName })}</DialogTitle>
        <DialogContent>
          <MoveTarget value={moving ?? m.id} onChange={setMoving} />
        </DialogContent>
        <DialogActions>
          <Button onClick={moveGuard.requestClose} data-testid="move-cancel">{t('attachments.cancel')}</Button>
          <Button variant="contained" disabled={moving === m.id} data-testid="move-save" onClick={() => { if (moving !== null) void move(a, moving); setMoving(null); }}>{t('attachments.move')}</Button>
        </DialogActions>
        {moveGuard.confirm}
      </Dialog>
      <ConfirmDialog
        open={removing}
        title={t('attachments.removeTitle')}
        body={t('attachments.removeBody', { fileName: a.fileName, title: materialTitle(m) })}
        confirmLabel={t('attachments.remove')}
        onClose={() => setRemoving(false)}
        onConfirm={() => { setRemoving(false); void remove(a); }}
      />
    </Box>
  );
});

/** The item to move a file to, among the client's items (read only while the move dialog is open). */
function MoveTarget({ value, onChange }: { value: number; onChange: (materialId: number) => void }) {
  const materials = useClientStore((s) => s.materials);
  return (
    <TextField select fullWidth sx={{ mt: 1, minWidth: 360 }} value={value} onChange={(e) => onChange(Number(e.target.value))} slotProps={{ htmlInput: { 'data-testid': 'move-select' } }}>
      {materials.map((x) => <MenuItem key={x.id} value={x.id} data-testid={`move-to-${x.itemKey}`}>{x.itemKey} {materialTitle(x)}</MenuItem>)}
    </TextField>
  );
}

/** A file being attached: its name, progress (bytes sent, then indeterminate while the host saves it) and a cancel button. */
function UploadRow({ u }: { u: Upload }) {
  const { t } = useTranslation();
  const cancelUpload = useAttachmentsStore((s) => s.cancelUpload);
  const percent = u.size ? Math.min(100, Math.floor((u.loaded / u.size) * 100)) : 0;
  const label = u.status === 'sending' ? t('attachments.upload.sending', { percent }) : t(`attachments.upload.${u.status}`);
  return (
    <Box role="listitem" data-testid={`upload-${u.fileName}`} data-status={u.status} sx={{ display: 'flex', gap: 1, alignItems: 'center', width: 300, p: 0.5, border: 1, borderColor: 'divider', borderRadius: 1, borderStyle: 'dashed' }}>
      <Box sx={{ minWidth: 0, flex: 1 }}>
        <Typography variant="body2" noWrap title={u.fileName}>{u.fileName}</Typography>
        <LinearProgress variant={u.status === 'saving' ? 'indeterminate' : 'determinate'} value={u.status === 'queued' ? 0 : percent} aria-label={`${u.fileName} ${label}`} />
        <Typography variant="caption" color="text.secondary">{label} · {formatSize(u.size)}</Typography>
      </Box>
      <Button size="small" disabled={u.status === 'saving'} onClick={() => cancelUpload(u.key)} aria-label={`${t('attachments.upload.cancel')} ${u.fileName}`} data-testid="upload-cancel">{t('attachments.upload.cancel')}</Button>
    </Box>
  );
}

/**
 * The tiles of item `m` and the add button: a hidden file picker (several files at once) giving `onFiles` the files,
 * or in Electron `onPick`, the main process's open dialog (which reads the chosen files itself).
 */
export function AttachmentTiles({ m, onFiles, onPick }: { m: Material; onFiles: (m: Material, files: File[]) => void; onPick?: (m: Material) => void }) {
  const { t } = useTranslation();
  // Shallow-compared: another item's files or uploads changing leaves this item's tiles alone.
  const items = useAttachmentsStore(useShallow((s) => s.items.filter((a) => a.materialId === m.id)));
  const uploads = useAttachmentsStore(useShallow((s) => s.uploads.filter((u) => u.materialId === m.id)));
  const input = useRef<HTMLInputElement>(null);
  const picking = useAttachmentsStore((s) => s.picking);
  const pick = useAttachmentsStore((s) => s.pick);
  // Electron: the main process shows the open dialog and reads the chosen files (never a path from the page).
  const choose = () => (hostPicksFiles() ? (onPick ? onPick(m) : void pick(m.id, `${m.itemKey} ${m.title}`)) : input.current?.click());
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'center' }} data-testid={`attachments-${m.itemKey}`}>
      {items.map((a) => <Tile key={a.id} a={a} m={m} />)}
      {uploads.length > 0 && (
        <Box role="list" aria-label={t('attachments.upload.list')} sx={{ display: 'contents' }}>
          {uploads.map((u) => <UploadRow key={u.key} u={u} />)}
        </Box>
      )}
      <Tooltip title={t('attachments.attachHint')}>
        <span>
          <Button size="small" variant="outlined" onClick={choose} disabled={picking !== null} data-testid={`attach-${m.itemKey}`} startIcon={<AddIcon fontSize="small" />}>{t('attachments.attach')}</Button>
        </span>
      </Tooltip>
      {picking === m.id && <Box role="status" sx={{ width: 160 }}><LinearProgress aria-label={t('attachments.upload.picking')} /><Typography variant="caption" color="text.secondary">{t('attachments.upload.picking')}</Typography></Box>}
      <input ref={input} type="file" multiple hidden data-testid={`attach-input-${m.itemKey}`} aria-label={`${materialTitle(m)} ${t('attachments.attach')}`}
        onChange={(e) => { const files = Array.from(e.target.files ?? []); e.target.value = ''; if (files.length) onFiles(m, files); }} />
    </Box>
  );
}
