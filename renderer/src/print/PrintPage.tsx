/**
 * The print route '#/print/<view>?<params>': renders one print view without the app chrome, in print CSS (A4).
 * A view calls `onReady()` once its data is on the page; that sets `window.__printReady` and fires 'print-ready'
 * (Electron's hidden window waits for it before printToPDF), and with `autoprint=1` (browser mode) opens the
 * browser's print dialog. Views register in {@link PRINT_VIEWS}.
 */
import { useCallback, useEffect, useRef, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import './print.css';

export interface PrintViewProps {
  params: URLSearchParams;
  onReady: () => void;
}

/** Print views by name; features add theirs here. */
export const PRINT_VIEWS: Record<string, ComponentType<PrintViewProps>> = {};

declare global {
  interface Window { __printReady?: boolean }
}

export function PrintPage({ view, params }: { view: string; params: URLSearchParams }) {
  const { t } = useTranslation();
  const View = PRINT_VIEWS[view];
  const fired = useRef(false);
  const onReady = useCallback(() => {
    if (fired.current) return;
    fired.current = true;
    // Let fonts and layout settle before announcing readiness.
    void document.fonts.ready.then(() => requestAnimationFrame(() => {
      window.__printReady = true;
      window.dispatchEvent(new Event('print-ready'));
      if (params.get('autoprint') === '1') window.print();
    }));
  }, [params]);
  useEffect(() => { window.__printReady = false; }, []);
  if (!View) {
    return (
      <>
        <div className="print-toolbar"><button onClick={() => { location.hash = '#/'; }}>{t('common.actions.back')}</button></div>
        <div className="print-root" data-testid="print-unknown">{t('common.print.unknown')}</div>
      </>
    );
  }
  return (
    <>
      <div className="print-toolbar">
        <button onClick={() => window.print()}>{t('common.print.print')}</button>
        <button onClick={() => history.back()}>{t('common.actions.back')}</button>
      </div>
      <div className="print-root" data-testid="print-root">
        <View params={params} onReady={onReady} />
      </div>
    </>
  );
}
