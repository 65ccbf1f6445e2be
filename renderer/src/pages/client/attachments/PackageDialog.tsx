/**
 * 导出申报材料包: options (include every item with files; merge each item's images into one PDF), the plan from a dry
 * run (how many files, which items are missing and why), then the .zip — built by the host in a worker thread, its
 * progress polled (`attachments.packageProgress`) and cancellable (`attachments.packageCancel`) — saved through the
 * host from the file it was written to (Electron's save dialog copies it; the browser downloads `GET /packages/<id>`).
 */
import { useEffect, useState } from 'react';
import { Alert, Box, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, LinearProgress, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Out } from '../../../../../shared/contract';
import { ApiError, call } from '../../../api';
import { savePackage } from '../../../host';
import { materialTitle } from '../../../i18n/domain';

export function PackageDialog({ clientId, open, onClose }: { clientId: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [includeAll, setIncludeAll] = useState(false);
  const [mergeImages, setMergeImages] = useState(false);
  const [plan, setPlan] = useState<Out<'attachments.package'> | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);
  /** The running build's job id and progress (null when none runs). */
  const [job, setJob] = useState<{ id: string; done: number; total: number } | null>(null);
  useEffect(() => {
    if (!open) return;
    let alive = true;
    setError(null);
    setDone(null);
    call('attachments.package', { clientId, includeAll, mergeImages, dryRun: true })
      .then((p) => { if (alive) setPlan(p); })
      .catch((e: unknown) => { if (alive) setError(e instanceof ApiError ? e.message : String(e)); });
    return () => { alive = false; };
  }, [open, clientId, includeAll, mergeImages]);
  const exportZip = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    setCancelled(false);
    const id = `package-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    setJob({ id, done: 0, total: 0 });
    const poll = setInterval(() => {
      void call('attachments.packageProgress', { jobId: id }).then(
        (p) => { if (p.state === 'building') setJob((j) => (j?.id === id ? { id, done: p.done, total: p.total } : j)); },
        () => undefined,
      );
    }, 400);
    try {
      const r = await call('attachments.package', { clientId, includeAll, mergeImages, dryRun: false, jobId: id });
      clearInterval(poll);
      setJob(null);
      // The zip stays a file of the host's data folder: saved by copy (Electron) or streamed download (browser).
      const saved = await savePackage(r.downloadId!, r.fileName);
      if (saved !== null) setDone(r.fileName);
    } catch (e) {
      if (e instanceof ApiError && (e.details as { cancelled?: boolean } | undefined)?.cancelled) setCancelled(true);
      else setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      clearInterval(poll);
      setJob(null);
      setBusy(false);
    }
  };
  const cancel = () => { if (job) void call('attachments.packageCancel', { jobId: job.id }).catch(() => undefined); };
  const files = plan ? plan.entries.length - 1 : 0;
  return (
    <Dialog open={open} onClose={() => { cancel(); onClose(); }} maxWidth="sm" fullWidth data-testid="package-dialog">
      <DialogTitle>{t('attachments.package.title')}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 1 }}>{t('attachments.package.intro')}</Typography>
        <FormControlLabel control={<Checkbox checked={includeAll} onChange={(e) => setIncludeAll(e.target.checked)} slotProps={{ input: { ...({ 'data-testid': 'package-include-all' } as object) } }} />} label={t('attachments.package.includeAll')} />
        <FormControlLabel control={<Checkbox checked={mergeImages} onChange={(e) => setMergeImages(e.target.checked)} slotProps={{ input: { ...({ 'data-testid': 'package-merge-images' } as object) } }} />} label={t('attachments.package.mergeImages')} />
        {plan && (
          <Box sx={{ mt: 1 }}>
            <Typography variant="body2" data-testid="package-count">{t('attachments.package.files', { count: files })}</Typography>
            {plan.missing.length
              ? (
                <Box data-testid="package-missing" sx={{ mt: 1 }}>
                  <Typography variant="subtitle2">{t('attachments.package.missingTitle', { count: plan.missing.length })}</Typography>
                  <Box component="ul" sx={{ m: 0, pl: 3, maxHeight: 220, overflow: 'auto' }}>
                    {plan.missing.map((m) => (
                      <li key={m.itemKey}><Typography variant="body2">{m.itemKey} {materialTitle(m)} — {t(`attachments.package.reason.${m.reason}`, { status: t(`common.status.${m.status}`) })}</Typography></li>
                    ))}
                  </Box>
                </Box>
              )
              : <Typography variant="body2" sx={{ mt: 1 }}>{t('attachments.package.missingNone')}</Typography>}
          </Box>
        )}
        {job && (
          <Box sx={{ mt: 1 }} role="status" data-testid="package-progress">
            <LinearProgress variant={job.total ? 'determinate' : 'indeterminate'} value={job.total ? (job.done / job.total) * 100 : 0} aria-label={t('attachments.package.exporting')} />
            <Typography variant="caption" color="text.secondary">{job.total ? t('attachments.package.progress', { done: job.done, total: job.total }) : t('attachments.package.exporting')}</Typography>
          </Box>
        )}
        {cancelled && <Alert severity="info" sx={{ mt: 1 }} data-testid="package-cancelled">{t('attachments.package.cancelled')}</Alert>}
        {error && <Alert severity="error" sx={{ mt: 1 }}>{error}</Alert>}
        {done && <Alert severity="success" sx={{ mt: 1 }} data-testid="package-done">{t('attachments.package.done', { fileName: done })}</Alert>}
      </DialogContent>
      <DialogActions>
        {job
          ? <Button onClick={cancel} data-testid="package-cancel">{t('attachments.package.cancel')}</Button>
          : <Button onClick={onClose}>{t('attachments.package.close')}</Button>}
        <Button variant="contained" disabled={busy || !plan || files === 0} onClick={() => void exportZip()} data-testid="package-export">
          {busy ? t('attachments.package.exporting') : t('attachments.package.export')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
