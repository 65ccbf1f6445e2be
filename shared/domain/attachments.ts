/**
 * The files behind a material item (spec §4: items carry attached files kept in the app's own data folder): what a
 * file is, judged by its content first and its name second, what is refused, and the hints the 全/准/清 checks get.
 *
 * Sizes in bytes; image dimensions in pixels. Pure: the caller passes the bytes (or their first and last 64 KiB).
 */
import { unzlibSync } from 'fflate';
import { msg, zhText, type Message } from '../messages';

/** Largest file one attachment may hold: 50 MB (a scanned 30-page lease at 300 dpi is about 20 MB). */
export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;
/** An image whose long side is below this many pixels gets the 清 (legible) hint; a hint, never a block. */
export const LEGIBLE_LONG_SIDE_PX = 1000;

/** The kinds the app recognises; `other` is stored but not previewed. */
export const ATTACHMENT_KINDS = ['pdf', 'jpeg', 'png', 'webp', 'heic', 'ofd', 'other'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** Why a file is refused (nothing is written): a code, the coded message (shared/messages.ts) and its zh-CN text. */
export type AttachmentRefusal = { code: 'EMPTY' | 'TOO_LARGE' | 'EXECUTABLE'; message: string; msg: Message };

const refuse = (code: AttachmentRefusal['code'], m: Message): AttachmentRefusal => ({ code, message: zhText(m), msg: m });

/** What {@link inspectFile} found. `mime` is the type served back; `pages` for PDFs; `width`/`height` for images. */
export interface FileFacts {
  kind: AttachmentKind;
  mime: string;
  pages: number | null;
  width: number | null;
  height: number | null;
  /** The PDF is encrypted (it may not open at the authority) or damaged (no header or no end marker). */
  pdfProblem: 'encrypted' | 'damaged' | null;
  /** An image smaller than {@link LEGIBLE_LONG_SIDE_PX} on its long side: the 清 hint. */
  lowResolution: boolean;
}

const EXECUTABLE_EXT = /\.(exe|com|bat|cmd|msi|msp|scr|pif|cpl|dll|sys|ps1|psm1|vbs|vbe|js|jse|wsf|wsh|hta|jar|sh|bash|zsh|command|app|apk|deb|rpm|lnk|reg|py|pl|rb|php)$/i;

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));

/**
 * Refusal for an empty file, one over {@link MAX_ATTACHMENT_BYTES}, or an executable or script (by content or name);
 * else null. `bytes` may be just the file's start (at least its first 4 bytes) when `size` gives the whole size.
 */
export function refusal(fileName: string, bytes: Uint8Array, size = bytes.length): AttachmentRefusal | null {
  if (size === 0) return refuse('EMPTY', msg('attachment_empty', { fileName }));
  if (size > MAX_ATTACHMENT_BYTES) return refuse('TOO_LARGE', msg('attachment_too_large', { fileName }));
  if (executableSignature(bytes) || EXECUTABLE_EXT.test(fileName)) return refuse('EXECUTABLE', msg('attachment_executable', { fileName }));
  return null;
}

/** Refusal by the name alone (an executable's or script's extension), before any byte is read; else null. */
export function refusalByName(fileName: string): AttachmentRefusal | null {
  return EXECUTABLE_EXT.test(fileName) ? refuse('EXECUTABLE', msg('attachment_executable', { fileName })) : null;
}

/** Whether `head` (a file's first bytes) starts like an executable or a script: MZ, ELF, Mach-O, "#!". */
export function executableSignature(head: Uint8Array): boolean {
  return startsWith(head, [0x4d, 0x5a]) // MZ: Windows executables and DLLs
    || startsWith(head, [0x7f, 0x45, 0x4c, 0x46]) // ELF
    || startsWith(head, [0xcf, 0xfa, 0xed, 0xfe]) || startsWith(head, [0xce, 0xfa, 0xed, 0xfe]) || startsWith(head, [0xca, 0xfe, 0xba, 0xbe]) // Mach-O
    || startsWith(head, [0x23, 0x21]); // "#!" scripts
}

function pngSize(b: Uint8Array): [number, number] | null {
  if (b.length < 24) return null;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return [v.getUint32(16), v.getUint32(20)];
}

function jpegSize(b: Uint8Array): [number, number] | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) { i++; continue; }
    const marker = b[i + 1];
    const len = (b[i + 2] << 8) | b[i + 3];
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return [(b[i + 7] << 8) | b[i + 8], (b[i + 5] << 8) | b[i + 6]];
    i += 2 + len;
  }
  return null;
}

function webpSize(b: Uint8Array): [number, number] | null {
  const chunk = ascii(b, 12, 16);
  if (chunk === 'VP8X' && b.length >= 30) return [1 + (b[24] | (b[25] << 8) | (b[26] << 16)), 1 + (b[27] | (b[28] << 8) | (b[29] << 16))];
  if (chunk === 'VP8 ' && b.length >= 30) return [(b[26] | (b[27] << 8)) & 0x3fff, (b[28] | (b[29] << 8)) & 0x3fff];
  if (chunk === 'VP8L' && b.length >= 25) {
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
    return [(bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1];
  }
  return null;
}

const PAGE_OBJECT = /\/Type\s*\/Page(?![s\w])/g;

/**
 * Page objects inside the compressed object streams of a PDF 1.5+ file (`/Type /ObjStm`, Flate): Office, Acrobat and
 * pdf-lib put every page object there, so a plain-text count would find none. A stream that does not inflate is skipped.
 */
function pagesInObjectStreams(text: string, bytes: Uint8Array): number {
  let pages = 0;
  const re = /\/Type\s*\/ObjStm[^]*?stream\r?\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    try {
      const inflated = new TextDecoder('latin1').decode(unzlibSync(bytes.subarray(start, end)));
      pages += (inflated.match(PAGE_OBJECT) ?? []).length;
    } catch { /* not Flate, or damaged: counted as no pages */ }
  }
  return pages;
}

/**
 * What the file is, from its content (magic numbers), falling back to its extension for OFD (a zip) and HEIC.
 * PDF pages are counted from the page objects in the file (`/Type /Page`), including those inside compressed object
 * streams (PDF 1.5+), exact for the PDFs scanners, Office and pdf-lib write.
 */
export function inspectFile(fileName: string, bytes: Uint8Array): FileFacts {
  const base: FileFacts = { kind: 'other', mime: 'application/octet-stream', pages: null, width: null, height: null, pdfProblem: null, lowResolution: false };
  const image = (kind: AttachmentKind, mime: string, size: [number, number] | null): FileFacts => ({
    ...base, kind, mime, width: size?.[0] ?? null, height: size?.[1] ?? null,
    lowResolution: size ? Math.max(size[0], size[1]) < LEGIBLE_LONG_SIDE_PX : false,
  });
  if (ascii(bytes, 0, 1024).includes('%PDF-')) {
    const text = new TextDecoder('latin1').decode(bytes);
    const pages = (text.match(PAGE_OBJECT) ?? []).length + pagesInObjectStreams(text, bytes);
    const tail = ascii(bytes, Math.max(0, bytes.length - 2048), bytes.length);
    const pdfProblem = /\/Encrypt\b/.test(text) ? 'encrypted' : !tail.includes('%%EOF') || pages === 0 ? 'damaged' : null;
    return { ...base, kind: 'pdf', mime: 'application/pdf', pages: pages || null, pdfProblem };
  }
  if (/\.pdf$/i.test(fileName)) return { ...base, kind: 'pdf', mime: 'application/pdf', pdfProblem: 'damaged' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return image('png', 'image/png', pngSize(bytes));
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return image('jpeg', 'image/jpeg', jpegSize(bytes));
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return image('webp', 'image/webp', webpSize(bytes));
  if (ascii(bytes, 4, 8) === 'ftyp' && /^(heic|heix|hevc|mif1|msf1)$/.test(ascii(bytes, 8, 12))) return { ...base, kind: 'heic', mime: 'image/heic' };
  if (/\.ofd$/i.test(fileName) && startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return { ...base, kind: 'ofd', mime: 'application/ofd' };
  return base;
}

/** A file name safe on Windows, macOS and Linux (no path, no reserved characters), at most 120 characters. */
export function cleanFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  const cleaned = last.replace(/[\u0000-\u001f<>:"|?*]/g, '_').replace(/^\.+/, '').trim();
  return Array.from(cleaned || '未命名文件').slice(0, 120).join('');
}
