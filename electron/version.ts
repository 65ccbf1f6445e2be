/** The app version, injected at build time by esbuild (`define`); 'dev' when run from source (tests). */
declare const __APP_VERSION__: string | undefined;
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';
