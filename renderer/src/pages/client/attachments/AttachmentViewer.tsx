/**
 * The viewer of one attachment: PDFs page by page with pdf.js (previous/next, ←/→ keys), images with zoom and
 * rotate (HEIC through the host's converted preview; when it cannot be converted: "HEIC 无法预览，可用系统应用打开");
 * OFD and other types say "无法预览". Open with the system app (Electron) / download (browser) is always offered.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { Attachment } from '../../../../../shared/contracts/attachments';
import { saveFile } from '../../../host';
import { hostKind } from '../../../api';
import { attachmentBytes, displayImage, useAttachmentsStore } from './attachments-store';

const PREVIEWABLE = ['pdf', 'jpeg', 'png', 'webp', 'heic'];

function Body({ a }: { a: Attachment }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [img, setImg] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState(1);
  const [rotation, setRotation] = useState(0);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    let url: string | null = null;
    let opened: PDFDocumentProxy | null = null;
    const load = async () => {
      if (a.kind === 'pdf') {
        opened = await (await import('./pdf')).openPdf(await attachmentBytes(a));
        if (alive) setDoc(opened); else void opened.loadingTask.destroy();
      } else {
        const { bytes, mime } = await displayImage(a);
        url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mime }));
        if (alive) setImg(url);
      }
    };
    load().catch((e: unknown) => { if (alive) setError(e instanceof Error ? e.message : String(e)); });
    return () => { alive = false; if (url) URL.revokeObjectURL(url); if (opened) void opened.loadingTask.destroy(); };
  }, [a.id, a.kind, a.mime]);
  // Each page is rendered on its own off-screen canvas and copied when done: turning pages faster than pdf.js renders
  // them never runs two renders on one canvas (which pdf.js refuses), and only the latest page is shown.
  useEffect(() => {
    const target = canvas.current;
    if (!doc || !target) return undefined;
    let latest = true;
    const off = document.createElement('canvas');
    import('./pdf').then(({ renderPage }) => renderPage(doc, page, off, 1.3 * zoom, rotation))
      .then(() => {
        if (!latest) return;
        target.width = off.width;
        target.height = off.height;
        target.getContext('2d')?.drawImage(off, 0, 0);
      })
      .catch((e: unknown) => { if (latest) setError(String(e)); });
    return () => { latest = false; };
  }, [doc, page, zoom, rotation]);
  const pages = doc?.numPages ?? 1;
  /** Turns the page; focus stays in the dialog (a button that becomes disabled would drop it, and Esc with it). */
  const go = (p: number) => { setPage(Math.min(pages, Math.max(1, p))); root.current?.focus(); };
  // ←/→ (PageUp/PageDown) turn pages wherever the focus is while the viewer is open (a button that became disabled
  // drops the focus to the page); not while typing in a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || (e.target as HTMLElement | null)?.closest?.('input, textarea')) return;
      if (e.key === 'ArrowRight' || e.key === 'PageDown') setPage((p) => Math.min(pages, p + 1));
      if (e.key === 'ArrowLeft' || e.key === 'PageUp') setPage((p) => Math.max(1, p - 1));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pages]);
  if (error && a.kind === 'heic') return <Alert severity="info" data-testid="viewer-no-preview">{t(hostKind() === 'electron' ? 'attachments.viewer.heicNoPreview' : 'attachments.viewer.heicNoPreviewBrowser')}</Alert>;
  if (error) return <Alert severity="error">{t('attachments.viewer.failed', { message: error })}</Alert>;
  return (
    <Box ref={root} tabIndex={-1} sx={{ outline: 'none' }}>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
        {doc && (
          <>
            <Button size="small" disabled={page <= 1} onClick={() => go(page - 1)} data-testid="viewer-prev">{t('attachments.viewer.prev')}</Button>
            <Typography variant="body2" data-testid="viewer-page">{t('attachments.viewer.page', { page, pages })}</Typography>
            <Button size="small" disabled={page >= pages} onClick={() => go(page + 1)} data-testid="viewer-next">{t('attachments.viewer.next')}</Button>
          </>
        )}
        <Button size="small" onClick={() => setZoom((z) => Math.max(0.25, z / 1.25))} data-testid="viewer-zoom-out">{t('attachments.viewer.zoomOut')}</Button>
        <Typography variant="body2" data-testid="viewer-zoom">{Math.round(zoom * 100)}%</Typography>
        <Button size="small" onClick={() => setZoom((z) => Math.min(8, z * 1.25))} data-testid="viewer-zoom-in">{t('attachments.viewer.zoomIn')}</Button>
        <Button size="small" onClick={() => setRotation((r) => (r + 90) % 360)} data-testid="viewer-rotate">{t('attachments.viewer.rotate')}</Button>
      </Box>
      <Box sx={{ overflow: 'auto', maxHeight: '70vh', bgcolor: 'grey.200', textAlign: 'center', p: 1 }}>
        {a.kind === 'pdf'
          ? (doc ? <canvas ref={canvas} data-testid="viewer-canvas" /> : <Typography>{t('attachments.viewer.loading')}</Typography>)
          : img
            ? <img src={img} alt={a.fileName} data-testid="viewer-image" style={{ transform: `rotate(${rotation}deg) scale(${zoom})`, transformOrigin: 'center', maxWidth: zoom <= 1 ? '100%' : undefined, transition: 'transform .15s' }} />
            : <Typography>{t('attachments.viewer.loading')}</Typography>}
      </Box>
    </Box>
  );
}

/** The viewer dialog of the attachment the store is viewing (none: closed). */
export function AttachmentViewer() {
  const { t } = useTranslation();
  const a = useAttachmentsStore((s) => s.viewing);
  const close = () => useAttachmentsStore.getState().view(null);
  return (
    <Dialog open={!!a} onClose={close} maxWidth="lg" fullWidth data-testid="attachment-viewer">
      {a && (
        <>
          <DialogTitle>{t('attachments.viewer.title', { fileName: a.fileName })}</DialogTitle>
          <DialogContent>
            {PREVIEWABLE.includes(a.kind) && a.pdfProblem === null
              ? <Body a={a} />
              : <Alert severity="info" data-testid="viewer-no-preview">{t('attachments.viewer.noPreview')}</Alert>}
          </DialogContent>
          <DialogActions>
            <Button onClick={() => void useAttachmentsStore.getState().open(a)} data-testid="viewer-open">{t(hostKind() === 'electron' ? 'attachments.openSystem' : 'attachments.download')}</Button>
            {hostKind() === 'electron' && <Button onClick={() => void attachmentBytes(a).then((b) => saveFile(a.fileName, b, a.mime))} data-testid="viewer-download">{t('attachments.saveAs')}</Button>}
            <Button onClick={close} variant="contained" data-testid="viewer-close">{t('attachments.viewer.close')}</Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}
