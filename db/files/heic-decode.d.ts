/** heic-decode 2.1.0 (ISC): the decoder over a libheif instance given by the caller (libheif-js, LGPL-3.0, WebAssembly). */
declare module 'heic-decode/lib.js' {
  type Decode = (input: { buffer: Uint8Array }) => Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
  function heicDecoder(libheif: unknown): { one: Decode; all: unknown };
  export default heicDecoder;
}
