/**
 * Every error a service can show the user carries a code the i18n resources know (issue 13 §3): a scan of the
 * source of the runtimes that make errors (db/, electron/, shared/, and the renderer's API client). It fails on
 * - an AppError (or a subclass's `super(...)`) made from anything but a coded message `msg('code', …)` or a variable,
 * - an error payload written by hand (`{ code: 'X', message: … }`) instead of `payload(code, msg(…))`,
 * - a `msg('code')` whose code has no zh-CN text or no English text,
 * - a thrown `Error` with Chinese text (Chinese for the user belongs in a coded message).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { messageOfZhText, ZH_MESSAGES } from '../../shared/messages';
import messages from '../../renderer/src/i18n/resources/messages';

const ROOT = path.resolve(__dirname, '../..');
const DIRS = ['db', 'electron', 'shared', 'renderer/src/api.ts', 'renderer/src/i18n'];

function sourceFiles(rel: string): string[] {
  const abs = path.join(ROOT, rel);
  if (fs.statSync(abs).isFile()) return [abs];
  return fs.readdirSync(abs, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(rel, d.name);
    if (d.isDirectory()) return d.name === 'migrations' ? [] : sourceFiles(p);
    return /\.(ts|tsx)$/.test(d.name) ? [path.join(ROOT, p)] : [];
  });
}

const files = DIRS.flatMap(sourceFiles).map((f) => ({ file: path.relative(ROOT, f), text: fs.readFileSync(f, 'utf8') }));
const CJK = /[\u4e00-\u9fff]/;
const ERROR_CATEGORIES = /code: '(VALIDATION|NOT_FOUND|CONFLICT|BAD_FILE|UNKNOWN_METHOD|FORBIDDEN|UNAVAILABLE|BUSY|DISK_FULL|INTERNAL)',\s*message:/;

/** The argument text of every call of `callee` in `text` (up to its matching parenthesis). */
function callArgs(text: string, callee: RegExp): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(callee)) {
    let depth = 1;
    let i = m.index + m[0].length;
    const start = i;
    for (; i < text.length && depth > 0; i++) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')') depth--;
    }
    out.push(text.slice(start, i - 1));
  }
  return out;
}

/** The second argument of an `AppError` construction (the message), as written. */
function messageArg(args: string): string {
  let depth = 0;
  let quote = '';
  let from = -1;
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    if (quote) {
      if (c === quote && args[i - 1] !== '\\') quote = '';
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      if (from < 0) from = i + 1;
      else return args.slice(from, i).trim();
    }
  }
  return from < 0 ? '' : args.slice(from).trim();
}

describe('every service error is coded', () => {
  it('scans a real amount of source (the scan itself works)', () => {
    expect(files.length).toBeGreaterThan(100);
    const constructions = files.flatMap((f) => callArgs(f.text, /new AppError\(|AppError\.(?:of|field)\(/g));
    expect(constructions.length).toBeGreaterThan(60);
  });

  it('every AppError is made from a coded message, never from text', () => {
    const bad: string[] = [];
    for (const f of files) {
      if (f.file === path.join('shared', 'errors.ts')) continue;
      for (const args of callArgs(f.text, /new AppError\(|AppError\.of\(/g)) {
        const m = messageArg(args);
        if (/^['"`]/.test(m) || CJK.test(m) || /^[\w.!]*\b[mM]essage$/.test(m)) bad.push(`${f.file}: AppError(${args.slice(0, 80)})`);
      }
      // Subclasses: super(code, <message>, …) inside a class extending AppError / ParseError.
      if (/extends (AppError|ParseError)/.test(f.text)) {
        for (const args of callArgs(f.text, /super\(/g)) if (CJK.test(args) || /^['"`]/.test(messageArg(args))) bad.push(`${f.file}: super(${args.slice(0, 80)})`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('no error payload is written by hand with bare text', () => {
    const bad = files.filter((f) => !f.file.startsWith('renderer') && ERROR_CATEGORIES.test(f.text)).map((f) => f.file);
    // The renderer's API client makes its own (service unreachable): also coded.
    const api = files.find((f) => f.file === path.join('renderer', 'src', 'api.ts'))!;
    if (ERROR_CATEGORIES.test(api.text)) bad.push(api.file);
    expect(bad).toEqual([]);
  });

  it('every code used in msg(…) has zh-CN and English text', () => {
    const zh = new Set(Object.keys(ZH_MESSAGES));
    const en = new Set(Object.keys(messages.en));
    const used = new Set<string>();
    const missing: string[] = [];
    for (const f of files) {
      for (const m of f.text.matchAll(/\bmsg\(\s*(['"`])([^'"`]+)\1/g)) {
        const code = m[2];
        used.add(code);
        const dynamic = code.indexOf('${');
        if (dynamic >= 0) {
          // msg(`material_status_${status}`): some code with that prefix must exist (the type checker checks the rest).
          const prefix = code.slice(0, dynamic);
          if (![...zh].some((k) => k.startsWith(prefix)) || ![...en].some((k) => k.startsWith(prefix))) missing.push(`${f.file}: ${code}`);
        } else if (!zh.has(code) || !en.has(code)) missing.push(`${f.file}: ${code}`);
      }
    }
    expect(missing).toEqual([]);
    // The codes this issue introduced are in use (a sample across the services named in it).
    for (const c of ['backup_name_invalid', 'restore_not_sqlite', 'licence_number_taken', 'inspection_outcome_future', 'export_not_ours', 'holiday_year_not_stored', 'validation_failed']) {
      expect(used.has(c), c).toBe(true);
    }
  });

  it('no thrown Error carries Chinese text (Chinese for the user is a coded message)', () => {
    const bad = files.flatMap((f) => callArgs(f.text, /new Error\(/g).filter((a) => CJK.test(a)).map((a) => `${f.file}: new Error(${a.slice(0, 60)})`));
    expect(bad).toEqual([]);
  });

  it('every Chinese message written in the contract\'s zod schemas has a code (found by its text)', () => {
    const contract = [path.join(ROOT, 'shared', 'contract.ts'), ...fs.readdirSync(path.join(ROOT, 'shared', 'contracts')).map((f) => path.join(ROOT, 'shared', 'contracts', f))];
    const texts = contract.flatMap((f) => {
      const text = fs.readFileSync(f, 'utf8');
      // The message argument of .min/.max/.regex/.refine/.length and { message: … }; `${max}` stands for a number.
      return [...text.matchAll(/(?:\.(?:min|max|regex|refine|length)\([^'`\n]*?,\s*|message:\s*)(['`])([^'`\n]*[\u4e00-\u9fff][^'`\n]*)\1/g)].map((m) => m[2].replace(/\$\{\w+\}/g, '100'));
    });
    expect(texts.length).toBeGreaterThan(25);
    expect(texts.filter((t) => !messageOfZhText(t))).toEqual([]);
    expect(messageOfZhText('不能超过100个字符')).toEqual({ code: 'input_too_long', params: { max: '100' } });
    expect(messageOfZhText('文件过大（上限约190MB）')).toEqual({ code: 'input_file_too_large', params: { mb: '190' } });
    expect(messageOfZhText('不是有效的备份文件名')).toEqual({ code: 'backup_name_invalid', params: {} });
    expect(messageOfZhText('Too small: expected string to have >=1 characters')).toBeNull();
  });
});
