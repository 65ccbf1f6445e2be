/**
 * Stand-in for the heavy libraries the guard mutation run never reaches (exceljs, pdf-lib, @pdf-lib/fontkit: Excel
 * and PDF export/import). vitest.mutate.config.ts aliases them here for `MUTATE_SCOPE=guards` only, because Stryker
 * starts a fresh worker for every mutant and loading them took about 4 s of each run on the shared machine. Any use
 * throws, naming the library, so a guard test that does reach one fails loudly (Stryker's initial run must pass)
 * instead of passing on a stub.
 */
function unloaded(library: string): never {
  throw new Error(`${library} is not loaded in the guard mutation run (vitest.mutate.config.ts); a guard test reached it`);
}

const refuse: object = new Proxy(() => undefined, {
  get: (_t, key) => (typeof key !== 'string' || key === 'then' || key === '__esModule' ? undefined : unloaded(`exceljs / pdf-lib (.${key})`)),
  apply: () => unloaded('exceljs / pdf-lib'),
  construct: () => unloaded('exceljs / pdf-lib'),
});

export default refuse;
export const PDFDocument = refuse;
export const rgb = refuse;
