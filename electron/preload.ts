/**
 * Preload (sandboxed): exposes `window.icpdesk.api`, one function per contract method, each sending
 * `(method, input)` on the single `api` channel. `ipcRenderer` itself is never exposed.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { METHOD_NAMES } from '../shared/method-names';

const api: Record<string, (input?: unknown) => Promise<unknown>> = {};
for (const m of METHOD_NAMES) api[m] = (input?: unknown) => ipcRenderer.invoke('api', m, input);
contextBridge.exposeInMainWorld('icpdesk', { api: Object.freeze(api), host: 'electron' });
contextBridge.exposeInMainWorld('icpdeskHost', {
  saveFile: (input: unknown) => ipcRenderer.invoke('host', 'saveFile', input),
  printRoute: (input: unknown) => ipcRenderer.invoke('host', 'printRoute', input),
  copyText: (input: unknown) => ipcRenderer.invoke('host', 'copyText', input),
  notify: (input: unknown) => ipcRenderer.invoke('desktop', 'notify', input),
  setLanguage: (lang: unknown) => ipcRenderer.invoke('desktop', 'setLanguage', lang),
  openAttachment: (input: unknown) => ipcRenderer.invoke('desktop', 'openAttachment', input),
  attachFile: (input: unknown) => ipcRenderer.invoke('desktop', 'attachFile', input),
  pickAttachments: (input: unknown) => ipcRenderer.invoke('desktop', 'pickAttachments', input),
  savePackage: (input: unknown) => ipcRenderer.invoke('desktop', 'savePackage', input),
  // Menu items and clicked notifications; the page gets the message only, never the event (which holds the sender).
  onCommand: (handler: (c: unknown) => void) => {
    const listener = (_e: unknown, c: unknown) => handler(c);
    ipcRenderer.on('command', listener);
    return () => { ipcRenderer.removeListener('command', listener); };
  },
});
