/** heic-decode 2.1.0 (ISC; decodes with libheif-js, LGPL-3.0, WebAssembly): the primary image of a HEIC/HEIF file as RGBA. */
declare module 'heic-decode' {
  function decode(input: { buffer: Uint8Array }): Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
  export default decode;
}
