/**
 * 导出申报材料包: options (include every item with files; merge each item's images into one PDF), the plan from a dry
 * run (how many files, which items are missing and why), then the .zip saved through the host (save dialog in
 * Electron, a download in the browser).
 */
import { useEffect, useState } from 'react';
import { Alert, Box, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Out } from '../../../../../shared/contract';
import { ApiError, call } from '../../../api';
import { fromBase64, saveFile } from '../../../host';
import { materialTitle } from '../../../i18n/domain';

export function PackageDialog({ clientId, open, onClose }: { clientId: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [includeAll, setIncludeAll] = useState(false);
  const [mergeImages, setMergeImages] = useState(false);
  const [plan, setPlan] = useState<Out<'attachments.package'> | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
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
    try {
      const r = await call('attachments.package', { clientId, includeAll, mergeImages, dryRun: false });
      await saveFile(r.fileName, fromBase64(r.base64 ?? ''), 'application/zip');
      setDone(r.fileName);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const files = plan ? plan.entries.length - 1 : 0;
  return (
    <Dialog open={open} onClose={onClose} maxWidth="sm" fullWidth data-testid="package-dialog">
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
        {error && <Alert severity="error" sx={{ mt: 1 }}>{error}</Alert>}
        {done && <Alert severity="success" sx={{ mt: 1 }} data-testid="package-done">{t('attachments.package.done', { fileName: done })}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('attachments.package.close')}</Button>
        <Button variant="contained" disabled={busy || !plan || files === 0} onClick={() => void exportZip()} data-testid="package-export">
          {busy ? t('attachments.package.exporting') : t('attachments.package.export')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
