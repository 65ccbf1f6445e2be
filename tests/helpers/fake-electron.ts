/**
 * A fake `electron` module that behaves like Electron 45's for every call the app makes, so the glue is tested
 * against Electron's semantics rather than against whatever the glue expects. Used by vitest (`vi.mock('electron')`)
 * and by the packaged-app test, which loads the built main.cjs in plain Node (so: only erasable TypeScript here, and
 * node: imports only).
 *
 * Modelled on Electron 45's documentation and source:
 * - `webContents.executeJavaScript(code)` evaluates `code` against the page's `window` (a {@link FakePage} the test
 *   scripts), awaiting a returned promise; `false ?? x` is `false` as in a real page. A crashed renderer never answers.
 * - `webContents.print(opts, cb)` may never call back (cancelled system dialogs on some platforms): see
 *   {@link FakeElectron.printBehaviour}.
 * - Permission request/check handlers are asked with Chromium's permission names ({@link CHROMIUM_PERMISSIONS});
 *   without a handler Electron grants everything. `navigator.clipboard.writeText` needs 'clipboard-sanitized-write'.
 * - A destroyed window or webContents throws "Object has been destroyed" on use; `destroy()` emits 'closed'.
 * - `app.quit()` emits before-quit → closes windows → will-quit → quit; a window's `session-end` is Windows
 *   shutdown/logoff (no will-quit follows).
 * - `protocol.registerSchemesAsPrivileged` only before ready; `setPath('sessionData')` only counts before ready.
 * - `ipcMain.handle` refuses a second handler per channel; `invoke` structured-clones results and wraps errors as
 *   "Error invoking remote method '<channel>': <error>".
 * - `net.fetch('file://…')` rejects with net::ERR_FILE_NOT_FOUND for a missing file.
 * - `dialog.showOpenDialog([win,] opts)` resolves `{ canceled, filePaths }` — cancelled: `{ canceled: true, filePaths: [] }`;
 *   a modal dialog the user leaves open never resolves ({@link FakeElectron.openDialogAnswer} 'open': the test closes it
 *   with {@link FakeElectron.closeOpenDialogs}); a destroyed parent window throws.
 * - `shell.openPath(p)` never rejects: it resolves to '' on success and to an error message otherwise (a missing
 *   path: 'Failed to open path'; no application for the type: {@link FakeElectron.openPathError}).
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

export const DESTROYED = 'Object has been destroyed';

/** Permission names Chromium passes to Electron's session permission handlers (Electron 45 docs). */
export const CHROMIUM_PERMISSIONS = [
  'clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'fullscreen', 'geolocation', 'idle-detection',
  'media', 'mediaKeySystem', 'midi', 'midiSysex', 'notifications', 'pointerLock', 'keyboardLock', 'openExternal',
  'speaker-selection', 'storage-access', 'top-level-storage-access', 'window-management', 'unknown', 'fileSystem',
] as const;

/** What `webContents.print` does with its callback: printed, cancelled, or never calls back. */
export type PrintBehaviour = 'print' | 'cancel' | 'never';

/** The page a window shows. `window` is the global `executeJavaScript` runs against; tests set its state. */
export class FakePage {
  readonly url: string;
  readonly window: Record<string, unknown>;
  private readonly context: vm.Context;
  private readonly events = new EventTarget();

  constructor(url: string) {
    this.url = url;
    const w: Record<string, unknown> = {};
    w.addEventListener = (type: string, fn: (e: Event) => void, opts?: { once?: boolean }) => this.events.addEventListener(type, fn, opts);
    w.removeEventListener = (type: string, fn: (e: Event) => void) => this.events.removeEventListener(type, fn);
    w.dispatchEvent = (e: Event) => this.events.dispatchEvent(e);
    w.Event = Event;
    w.location = { href: url, hash: new URL(url).hash };
    this.context = vm.createContext(w);
    this.window = w;
    w.window = this.context;
  }

  /** Runs `code` in the page (as a classic script's completion value). */
  evaluate(code: string): unknown {
    return vm.runInContext(code, this.context);
  }

  /** What PrintPage's onReady does: `window.__printReady = true` and a 'print-ready' event. */
  signalPrintReady(): void {
    this.evaluate('window.__printReady = true; window.dispatchEvent(new Event("print-ready"));');
  }
}

/** webContents of a {@link FakeBrowserWindow}. */
export class FakeWebContents extends EventEmitter {
  private readonly fake: FakeElectron;
  page: FakePage | null = null;
  destroyed = false;
  crashed = false;
  readonly printCalls: unknown[] = [];
  readonly pdfCalls: unknown[] = [];
  windowOpenHandler: ((d: { url: string }) => unknown) | null = null;

  constructor(fake: FakeElectron) {
    super();
    this.fake = fake;
  }

  private alive(): void {
    if (this.destroyed) throw new TypeError(DESTROYED);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  getURL(): string {
    this.alive();
    return this.page?.url ?? '';
  }

  async loadURL(url: string): Promise<void> {
    this.alive();
    this.page = new FakePage(url);
    this.fake.onPageLoad?.(this.page, this);
  }

  /** Evaluates `code` against the page; a promise result is awaited. A crashed renderer never answers. */
  executeJavaScript(code: string): Promise<unknown> {
    this.alive();
    if (this.crashed || !this.page) return new Promise(() => undefined);
    try {
      return Promise.resolve(this.page.evaluate(code));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  print(options: unknown, callback?: (success: boolean, failureReason: string) => void): void {
    this.alive();
    this.printCalls.push(options);
    const behaviour = this.fake.printBehaviour;
    if (!callback || behaviour === 'never' || this.crashed) return;
    setImmediate(() => (behaviour === 'print' ? callback(true, '') : callback(false, 'Print job canceled')));
  }

  /** Resolves to a small PDF whose text records the page's `__printReady` at the moment it was made. */
  printToPDF(options: unknown): Promise<Buffer> {
    this.alive();
    this.pdfCalls.push(options);
    if (this.crashed) return new Promise(() => undefined);
    const ready = this.page ? String(this.page.evaluate('window.__printReady')) : 'no-page';
    return Promise.resolve(Buffer.from(`%PDF-1.7\n% fake: printReady=${ready}\n%%EOF\n`));
  }

  /** Main → renderer message (`webContents.send`); recorded in `sent`. */
  readonly sent: { channel: string; args: unknown[] }[] = [];
  send(channel: string, ...args: unknown[]): void {
    this.alive();
    this.sent.push({ channel, args: structuredClone(args) });
  }

  setWindowOpenHandler(handler: (d: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }

  /** The renderer process dies ('render-process-gone', as Chromium reports a crash or OOM kill). */
  crash(reason = 'crashed'): void {
    this.crashed = true;
    this.emit('render-process-gone', { preventDefault() {} }, { reason, exitCode: 139 });
  }
}

/** BrowserWindow. Every created window is kept in `fake.windows`. */
export class FakeBrowserWindow extends EventEmitter {
  private readonly fake: FakeElectron;
  private readonly contents: FakeWebContents;
  readonly options: Record<string, unknown>;
  destroyed = false;
  visible: boolean;

  constructor(fake: FakeElectron, options: Record<string, unknown> = {}) {
    super();
    const parent = options.parent as FakeBrowserWindow | undefined;
    if (parent && parent.isDestroyed()) throw new TypeError(DESTROYED);
    this.fake = fake;
    this.options = options;
    this.visible = options.show !== false;
    this.contents = new FakeWebContents(fake);
    fake.windows.push(this);
    fake.app.emit('web-contents-created', { preventDefault() {} }, this.contents);
  }

  private alive(): void {
    if (this.destroyed) throw new TypeError(DESTROYED);
  }

  get webContents(): FakeWebContents {
    this.alive();
    return this.contents;
  }

  getParentWindow(): FakeBrowserWindow | null {
    this.alive();
    return (this.options.parent as FakeBrowserWindow | undefined) ?? null;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Like Electron's (`this.webContents.loadURL(…)`): a destroyed window throws at the call, not in the promise. */
  loadURL(url: string): Promise<void> {
    this.alive();
    return this.contents.loadURL(url).then(() => {
      setImmediate(() => { if (!this.destroyed) this.emit('ready-to-show'); });
    });
  }

  private maximized = false;
  getBounds(): { x: number; y: number; width: number; height: number } {
    this.alive();
    const o = this.options as { x?: number; y?: number; width?: number; height?: number };
    return { x: o.x ?? 0, y: o.y ?? 0, width: o.width ?? 800, height: o.height ?? 600 };
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } { return this.getBounds(); }
  isMaximized(): boolean { this.alive(); return this.maximized; }
  maximize(): void { this.alive(); this.maximized = true; }
  show(): void { this.alive(); this.visible = true; }
  hide(): void { this.alive(); this.visible = false; }
  isVisible(): boolean { this.alive(); return this.visible; }
  isMinimized(): boolean { this.alive(); return false; }
  restore(): void { this.alive(); }
  focus(): void { this.alive(); }

  /** The user closes the window: 'close' (preventable), then destroyed and 'closed'. */
  close(): void {
    this.alive();
    let prevented = false;
    this.emit('close', { preventDefault: () => { prevented = true; } });
    if (!prevented) this.destroy();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.contents.destroyed = true;
    this.emit('closed');
    if (this.fake.windows.every((w) => w.destroyed)) this.fake.app.emit('window-all-closed');
  }
}

/** A session with Electron's permission-handler API; see {@link FakeSession.pageWritesClipboard}. */
export class FakeSession {
  requestHandler: ((wc: unknown, permission: string, cb: (granted: boolean) => void, details: Record<string, unknown>) => void) | null = null;
  checkHandler: ((wc: unknown, permission: string, origin: string, details: Record<string, unknown>) => boolean) | null = null;

  setPermissionRequestHandler(h: FakeSession['requestHandler']): void {
    this.requestHandler = h;
  }

  setPermissionCheckHandler(h: FakeSession['checkHandler']): void {
    this.checkHandler = h;
  }

  /** Chromium asks for `permission` for a page at `requestingUrl`; no handler means granted (Electron's default). */
  requestPermission(permission: string, requestingUrl: string, webContents: unknown = null): Promise<boolean> {
    const h = this.requestHandler;
    if (!h) return Promise.resolve(true);
    return new Promise((resolve) => h(webContents, permission, resolve, { requestingUrl, isMainFrame: true }));
  }

  /** Chromium checks `permission` for `requestingOrigin` (e.g. 'app://icpdesk'). */
  checkPermission(permission: string, requestingUrl: string, webContents: unknown = null): boolean {
    const origin = new URL(requestingUrl).origin === 'null' ? originOf(requestingUrl) : new URL(requestingUrl).origin;
    if (!this.checkHandler) return true;
    return this.checkHandler(webContents, permission, origin, { requestingUrl, securityOrigin: origin, embeddingOrigin: origin, isMainFrame: true });
  }

  /**
   * A page's `navigator.clipboard.writeText(text)` as Chromium runs it: the 'clipboard-sanitized-write' permission
   * is checked, then requested; refused → NotAllowedError, granted → the system clipboard holds `text`.
   */
  async pageWritesClipboard(fake: FakeElectron, pageUrl: string, text: string): Promise<void> {
    const ok = this.checkPermission('clipboard-sanitized-write', pageUrl) || (await this.requestPermission('clipboard-sanitized-write', pageUrl));
    if (!ok) throw new DOMException('Write permission denied.', 'NotAllowedError');
    fake.clipboard.writeText(text);
  }
}

/** `app://icpdesk/x` → 'app://icpdesk' (Node's URL gives 'null' as the origin of non-special schemes). */
function originOf(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}`;
}

const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.json': 'application/json' };

export interface FakeElectronOptions {
  /** Folder standing in for the OS application-data folder (default: a fresh temp folder). */
  appData?: string;
  /** `app.whenReady()` resolves by itself on the next turn (default true); else call `fake.makeReady()`. */
  autoReady?: boolean;
  isPackaged?: boolean;
}

/** Electron's `app` as far as the app uses it. */
export interface FakeApp extends EventEmitter {
  isPackaged: boolean;
  getVersion(): string;
  getName(): string;
  getAppPath(): string;
  getLocale(): string;
  isReady(): boolean;
  whenReady(): Promise<void>;
  requestSingleInstanceLock(): boolean;
  getPath(name: string): string;
  setPath(name: string, p: string): void;
  quit(): void;
  exit(): void;
}

/** The fake module: `electron` exports plus test controls (`windows`, `printBehaviour`, `onPageLoad`, …). */
export class FakeElectron {
  readonly windows: FakeBrowserWindow[] = [];
  printBehaviour: PrintBehaviour = 'print';
  /** Called on every page load; scripts the page (e.g. `page.window.__printReady = false`, later signal ready). */
  onPageLoad: ((page: FakePage, contents: FakeWebContents) => void) | null = null;
  /** What the next save dialogs answer: a path, or null for "cancelled". */
  saveDialogPath: string | null = null;
  readonly saveDialogCalls: { window: FakeBrowserWindow | null; options: unknown }[] = [];
  /** What the next open dialogs answer: the chosen paths, null for "cancelled", or 'open' (the user leaves it open). */
  openDialogAnswer: string[] | null | 'open' = null;
  readonly openDialogCalls: { window: FakeBrowserWindow | null; options: unknown }[] = [];
  private readonly openDialogsOpen: ((paths: string[] | null) => void)[] = [];
  readonly errorBoxes: { title: string; content: string }[] = [];
  readonly externalOpened: string[] = [];
  readonly privilegedSchemes: unknown[] = [];
  readonly protocolHandlers = new Map<string, (req: Request) => Response | Promise<Response>>();
  readonly ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  readonly pathsSetAfterReady: string[] = [];
  private clipboardText = '';
  private ready = false;
  private readyResolve: () => void = () => undefined;
  private readonly readyPromise: Promise<void>;

  readonly app: FakeApp;
  readonly session: { defaultSession: FakeSession };
  readonly BrowserWindow: new (options?: Record<string, unknown>) => FakeBrowserWindow;
  readonly ipcMain: { handle(channel: string, fn: (event: unknown, ...args: unknown[]) => unknown): void; removeHandler(channel: string): void };
  readonly protocol: { registerSchemesAsPrivileged(schemes: unknown[]): void; handle(scheme: string, fn: (req: Request) => Response | Promise<Response>): void };
  readonly dialog: {
    showSaveDialog(a: unknown, b?: unknown): Promise<{ canceled: boolean; filePath?: string }>;
    showOpenDialog(a: unknown, b?: unknown): Promise<{ canceled: boolean; filePaths: string[] }>;
    showErrorBox(title: string, content: string): void;
    showMessageBox(a: unknown, b?: unknown): Promise<{ response: number; checkboxChecked: boolean }>;
  };
  readonly clipboard: { writeText(text: string): void; readText(): string };
  readonly shell: { openExternal(url: string): Promise<void>; openPath(p: string): Promise<string> };
  /** One 1920×1080 screen (work area without a 40 px taskbar). */
  readonly screen = {
    getAllDisplays: () => [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, scaleFactor: 1 }],
    getPrimaryDisplay: () => this.screen.getAllDisplays()[0],
  };
  applicationMenu: unknown = null;
  readonly Menu = {
    buildFromTemplate: (template: unknown[]) => ({ items: template }),
    setApplicationMenu: (menu: unknown) => { this.applicationMenu = menu; },
    getApplicationMenu: () => this.applicationMenu,
  };
  readonly notifications: { title: string; body: string; shown: boolean }[] = [];
  readonly Notification: { new (o: { title: string; body: string }): EventEmitter & { show(): void; close(): void }; isSupported(): boolean };
  readonly openedPaths: string[] = [];
  /** What `shell.openPath` answers for an existing path: '' (opened) or the system's error message (e.g. no application). */
  openPathError = '';
  readonly messageBoxes: unknown[] = [];
  readonly net: { fetch(url: string): Promise<Response> };

  constructor(opts: FakeElectronOptions = {}) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the module's functions close over the fake
    const fake = this;
    this.readyPromise = new Promise((r) => { this.readyResolve = r; });
    // Named like tests/helpers/temp-dirs.ts's per-process folders (`icpdesk-tests-<pid>-`), so its sweep removes it once
    // this process is gone; that helper itself cannot be imported here (this file runs in plain Node too: builtins only).
    const appData = opts.appData ?? fs.mkdtempSync(path.join(os.tmpdir(), `icpdesk-tests-${process.pid}-fake-appdata-`));
    const paths = new Map<string, string>([['appData', appData], ['temp', os.tmpdir()], ['home', os.homedir()]]);
    const app = new EventEmitter() as FakeApp;
    Object.assign(app, {
      isPackaged: opts.isPackaged ?? false,
      getVersion: () => '0.0.0-fake',
      getName: () => 'Electron',
      getAppPath: () => process.cwd(),
      getLocale: () => 'zh-CN',
      isReady: () => fake.ready,
      whenReady: () => fake.readyPromise,
      requestSingleInstanceLock: () => true,
      getPath(name: string): string {
        if (name === 'userData') return paths.get('userData') ?? path.join(appData, 'Electron');
        if (name === 'sessionData') return paths.get('sessionData') ?? app.getPath('userData');
        const p = paths.get(name);
        if (!p) throw new Error(`Failed to get '${name}' path`);
        return p;
      },
      setPath(name: string, p: string): void {
        if (!path.isAbsolute(p)) throw new Error(`Path must be absolute: ${p}`);
        // Chromium reads sessionData when the app gets ready; a later change has no effect.
        if (fake.ready && name === 'sessionData') { fake.pathsSetAfterReady.push(name); return; }
        paths.set(name, p);
      },
      /** before-quit (preventable) → every window closes → will-quit (preventable) → quit. */
      quit(): void {
        let prevented = false;
        app.emit('before-quit', { preventDefault: () => { prevented = true; } });
        if (prevented) return;
        for (const w of fake.windows) if (!w.destroyed) w.destroy();
        app.emit('will-quit', { preventDefault: () => { prevented = true; } });
        if (prevented) return;
        app.emit('quit', {}, 0);
        fake.quitted = true;
      },
      exit(): void { fake.quitted = true; },
    });
    this.app = app;
    this.session = { defaultSession: new FakeSession() };
    this.BrowserWindow = class extends FakeBrowserWindow {
      constructor(options?: Record<string, unknown>) { super(fake, options); }
      static getAllWindows() { return fake.windows.filter((w) => !w.destroyed); }
    };
    this.ipcMain = {
      handle(channel, fn) {
        if (fake.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        fake.ipcHandlers.set(channel, fn);
      },
      removeHandler(channel) { fake.ipcHandlers.delete(channel); },
    };
    this.protocol = {
      registerSchemesAsPrivileged(schemes) {
        if (fake.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
        fake.privilegedSchemes.push(...schemes);
      },
      handle(scheme, fn) { fake.protocolHandlers.set(scheme, fn); },
    };
    this.dialog = {
      async showSaveDialog(a: unknown, b?: unknown) {
        const win = a instanceof FakeBrowserWindow ? a : null;
        if (win && win.isDestroyed()) throw new TypeError(DESTROYED);
        fake.saveDialogCalls.push({ window: win, options: win ? b : a });
        return fake.saveDialogPath ? { canceled: false, filePath: fake.saveDialogPath } : { canceled: true, filePath: '' };
      },
      async showOpenDialog(a: unknown, b?: unknown) {
        const win = a instanceof FakeBrowserWindow ? a : null;
        if (win && win.isDestroyed()) throw new TypeError(DESTROYED);
        fake.openDialogCalls.push({ window: win, options: win ? b : a });
        const answer = fake.openDialogAnswer;
        const paths = answer === 'open' ? await new Promise<string[] | null>((r) => fake.openDialogsOpen.push(r)) : answer;
        return paths?.length ? { canceled: false, filePaths: [...paths] } : { canceled: true, filePaths: [] };
      },
      showErrorBox(title, content) { fake.errorBoxes.push({ title, content }); },
      async showMessageBox(a: unknown, b?: unknown) {
        const win = a instanceof FakeBrowserWindow ? a : null;
        if (win && win.isDestroyed()) throw new TypeError(DESTROYED);
        fake.messageBoxes.push(win ? b : a);
        return { response: 0, checkboxChecked: false };
      },
    };
    this.clipboard = { writeText(text) { fake.clipboardText = text; }, readText() { return fake.clipboardText; } };
    this.shell = { async openExternal(url) { fake.externalOpened.push(url); }, async openPath(p) { fake.openedPaths.push(p); return fs.existsSync(p) ? fake.openPathError : 'Failed to open path'; } };
    this.Notification = class extends EventEmitter {
      readonly record: { title: string; body: string; shown: boolean };
      constructor(o: { title: string; body: string }) { super(); this.record = { title: o.title, body: o.body, shown: false }; fake.notifications.push(this.record); }
      show(): void { this.record.shown = true; }
      close(): void { this.emit('close'); }
      static isSupported(): boolean { return true; }
    };
    this.net = {
      async fetch(url) {
        if (!url.startsWith('file:')) throw new Error('net::ERR_INTERNET_DISCONNECTED');
        const file = fileURLToPath(url);
        if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) throw new Error('net::ERR_FILE_NOT_FOUND');
        return new Response(fs.readFileSync(file), { status: 200, headers: { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' } });
      },
    };
    if (opts.autoReady ?? true) setImmediate(() => this.makeReady());
  }

  quitted = false;

  /** The user closes every open dialog left open: choosing `paths`, or cancelling (null). */
  closeOpenDialogs(paths: string[] | null): void {
    for (const r of this.openDialogsOpen.splice(0)) r(paths);
  }

  /** Fires 'ready' (once). */
  makeReady(): void {
    if (this.ready) return;
    this.ready = true;
    this.app.emit('ready');
    this.readyResolve();
  }

  /** The renderer calls `ipcRenderer.invoke(channel, ...args)` from a frame at `senderUrl`. */
  async invoke(channel: string, senderUrl: string, ...args: unknown[]): Promise<unknown> {
    const fn = this.ipcHandlers.get(channel);
    if (!fn) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    try {
      return structuredClone(await fn({ senderFrame: { url: senderUrl }, sender: null }, ...args));
    } catch (e) {
      throw new Error(`Error invoking remote method '${channel}': ${String(e)}`);
    }
  }

  /** The page requests `url` from a scheme registered with `protocol.handle`. */
  async fetchScheme(url: string): Promise<Response> {
    const fn = this.protocolHandlers.get(new URL(url).protocol.replace(/:$/, ''));
    if (!fn) throw new Error('net::ERR_UNKNOWN_URL_SCHEME');
    return fn(new Request(url));
  }

  /**
   * Windows shutdown or logoff: every live window gets 'session-end' (a BrowserWindow event); the process is then
   * ended without before-quit / will-quit.
   */
  endSession(): void {
    for (const w of this.windows) if (!w.destroyed) w.emit('session-end', {});
  }

  /** The module object `require('electron')` returns. */
  module(): Record<string, unknown> {
    return {
      app: this.app, BrowserWindow: this.BrowserWindow, session: this.session, ipcMain: this.ipcMain, protocol: this.protocol,
      dialog: this.dialog, clipboard: this.clipboard, shell: this.shell, net: this.net, screen: this.screen, Menu: this.Menu,
      Notification: this.Notification,
    };
  }
}
