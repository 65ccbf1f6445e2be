/**
 * README: "Chinese UI first, English complete". For every resource file in renderer/src/i18n/resources (found on disk,
 * so a new file is covered without editing this test): zh and en have the same keys (plural forms aside: Chinese
 * has only `_other`, English `_one` + `_other`), with the same interpolation parameters (`{{name}}`, and nested
 * `$t(key)` references) per key, no value is empty, no English value is the Chinese one left untranslated and no
 * English value holds Chinese characters or full-width punctuation — except the few listed below, each with its
 * reason. i18next adds `count` to a plural key's parameters, so an English `_one` form may leave `{{count}}` out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = path.resolve(import.meta.dirname, '../../renderer/src/i18n/resources');
const FILES = fs.readdirSync(DIR).filter((f) => f.endsWith('.ts')).sort();

/** English values allowed to equal the Chinese ones: `<file>:<key path>` → why. */
const SAME_ALLOWED: Record<string, string> = {
  'client-form.ts:placeholders.founded': 'a date-format hint (YYYY-MM-DD), the same in every language',
  'inspection.ts:field.none': "an em dash for an empty field, not a word",
  'deadlines.ts:settings.holidaysPlaceholder': "an example of the State Council notice's lines the user pastes: those are Chinese whatever the UI language",
  'attachments.ts:size': 'only the interpolated file size (e.g. "2.1 MB"), no words',
  'attachments.ts:viewer.title': "only the interpolated file name, no words",
  'deadlines.ts:settings.workdaysPlaceholder': "an example of the State Council notice's lines the user pastes: those are Chinese whatever the UI language",
};

/** English values allowed to hold Chinese: `<file>:<key path>` → why. */
const CJK_ALLOWED: Record<string, string> = {
  'common.ts:lang.switchTo': 'the switch names the other language in its own script (中文)',
  'import.ts:pick.hint': "quotes a heading (“公司名称”) as it appears in the user's Chinese sheet",
  'deadlines.ts:settings.holidaysPlaceholder': SAME_ALLOWED['deadlines.ts:settings.holidaysPlaceholder'],
  'aftercare.ts:licence.numberHelp': 'a licence number is written 晋B2-…, whatever the UI language',
  'messages.ts:licence_number_format': 'a licence number is written 晋B2-…, whatever the UI language',
  'client-form.ts:placeholders.icpFilingNo': 'an ICP filing number is written 晋ICP备…号, whatever the UI language',
  'attachments.ts:package.intro': 'names the file the export contains, 材料目录.pdf (an index for the authority, Chinese by design)',
  'messages.ts:file_no_name_column': "quotes headings as they appear in the user's Chinese sheet",
  'messages.ts:capital_unreadable': "quotes an amount as the user's sheet may write it (500万元)",
  'messages.ts:date_unreadable': "quotes a date as the user's sheet may write it (2023年5月8日)",
  'messages.ts:material_status_correction': "gives the authority's term (补正) beside the English",
  'weekly.ts:week.typeHint': 'the week field also accepts the Chinese form (2026年第48周)',
  'deadlines.ts:settings.workdaysPlaceholder': SAME_ALLOWED['deadlines.ts:settings.workdaysPlaceholder'],
};
const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** The interpolation parameters and nested references of a value, sorted and de-duplicated. */
function params(v: unknown): string[] {
  const text = Array.isArray(v) ? v.join(' ') : String(v);
  return [...new Set([...text.matchAll(/\{\{\s*([\w.]+)(?:\s*,[^}]*)?\s*\}\}|\$t\(([\w.:-]+)/g)].map((m) => (m[1] ? `{{${m[1]}}}` : `$t(${m[2]})`)))].sort();
}

type Strings = { [k: string]: string | string[] | Strings };

/** Every leaf key path → value (arrays are leaves). */
function leaves(o: Strings, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(o)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv);
    else out.set(`${prefix}${k}`, v);
  }
  return out;
}
/** Key paths with plural suffixes folded (i18next: zh may use the bare key or `_other`; en `_one` and `_other`). */
const folded = (keys: Iterable<string>) => [...new Set([...keys].map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')))].sort();

const load = async (f: string) => ((await import(path.join(DIR, f))) as { default: { zh: Strings; en: Strings } }).default;

describe('i18n resources', () => {
  it('finds the resource files, and the app registers every one of them', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(11);
    const index = fs.readFileSync(path.join(DIR, '..', 'index.ts'), 'utf8');
    for (const f of FILES) expect(index, f).toContain(`from './resources/${f.replace(/\.ts$/, '')}'`);
  });

  it.each(FILES)('%s: zh and en have the same keys; English plurals have _one and _other', async (f) => {
    const { zh, en } = await load(f);
    const z = leaves(zh);
    const e = leaves(en);
    expect(folded(e.keys()), f).toEqual(folded(z.keys()));
    for (const k of e.keys()) {
      if (k.endsWith('_one')) expect(e.has(k.replace(/_one$/, '_other')) || e.has(k.replace(/_one$/, '')) /* i18next falls back to the bare key */, `${f}: ${k} without _other`).toBe(true);
    }
  });

  it.each(FILES)('%s: no empty value, no English value equal to its Chinese one', async (f) => {
    const { zh, en } = await load(f);
    const z = leaves(zh);
    const same: string[] = [];
    for (const [k, v] of leaves(en)) {
      const text = Array.isArray(v) ? v.join(' ') : String(v);
      expect(text.trim(), `${f}: en.${k}`).not.toBe('');
      const base = k.replace(/_(one|other)$/, '');
      const zv = z.get(k) ?? z.get(`${base}_other`) ?? z.get(base);
      if (zv !== undefined && JSON.stringify(zv) === JSON.stringify(v) && !SAME_ALLOWED[`${f}:${k}`]) same.push(k);
    }
    for (const [k, v] of z) expect(String(v).trim(), `${f}: zh.${k}`).not.toBe('');
    expect(same, `${f}: English equal to Chinese`).toEqual([]);
  });

  it.each(FILES)('%s: every English value has the interpolation parameters of its Chinese one', async (f) => {
    const { zh, en } = await load(f);
    const z = leaves(zh);
    const differ: string[] = [];
    for (const [k, v] of leaves(en)) {
      const base = k.replace(/_(zero|one|two|few|many|other)$/, '');
      const zv = z.get(k) ?? z.get(`${base}_other`) ?? z.get(base);
      if (zv === undefined) continue; // the key test above reports it
      if (f === 'messages.ts' && k === 'zod_issue') continue; // zod's own text per language: {{zh}} / {{en}} (db/dispatch.ts)
      const want = params(zv);
      const got = params(v);
      // English singular forms may spell the one out ("1 client") instead of {{count}}.
      const ok = JSON.stringify(got) === JSON.stringify(want) || (k.endsWith('_one') && JSON.stringify(got) === JSON.stringify(want.filter((p) => p !== '{{count}}')));
      if (!ok) differ.push(`${k}: zh ${want.join(' ')} / en ${got.join(' ')}`);
    }
    expect(differ, f).toEqual([]);
  });

  it.each(FILES)('%s: no Chinese in English values', async (f) => {
    const { en } = await load(f);
    const bad = [...leaves(en)].filter(([k, v]) => CJK.test(Array.isArray(v) ? v.join(' ') : String(v)) && !CJK_ALLOWED[`${f}:${k}`]).map(([k, v]) => `${k}: ${String(v)}`);
    expect(bad, f).toEqual([]);
  });

  it('every key allowed to hold Chinese exists and still does', async () => {
    for (const entry of Object.keys(CJK_ALLOWED)) {
      const [f, k] = entry.split(':');
      const { en } = await load(f);
      expect(CJK.test(String(leaves(en).get(k))), entry).toBe(true);
    }
  });

  it('every allow-listed key exists and is still equal in both languages (the list does not go stale)', async () => {
    for (const entry of Object.keys(SAME_ALLOWED)) {
      const [f, k] = entry.split(':');
      const { zh, en } = await load(f);
      expect(leaves(en).get(k), entry).toBeDefined();
      expect(leaves(en).get(k), entry).toEqual(leaves(zh).get(k));
    }
  });
});
