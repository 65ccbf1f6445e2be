/**
 * The notes search's check of a 3+ character term on a candidate note (0180: notes_bi keeps no positions):
 * `body GLOB termGlob(term) OR icp_search_has(body, term)` must be exactly "the normalised text contains the
 * normalised term" (db/search/grams.ts), and the GLOB alone must never accept a text that does not hold the term.
 */
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { normalizeForSearch, rawFormsOf, termGlob, textHasTerms } from '../../db/search/grams';
import { registerSearchFunctions } from '../../db/search/sql-functions';

const db = new Database(':memory:');
registerSearchFunctions(db);
const glob = db.prepare('SELECT ? GLOB ? AS g, (? GLOB ? OR icp_search_has(?, ?)) AS m');
const check = (text: string, term: string) => {
  const r = glob.get(text, termGlob(term), text, termGlob(term), text, term) as { g: number; m: number };
  return { glob: r.g === 1, match: r.m === 1 };
};

describe('notes search: the check of a term on a candidate text', () => {
  it('GLOB special characters and full-width / upper-case forms are matched as the definition says', () => {
    const texts = ['a[b]c*d?e^f-g', 'Ａ［Ｂ］Ｃ＊Ｄ？Ｅ＾Ｆ－Ｇ', 'ABC-123', '许可证编号晋B2-20150015', '温度 5 K（开尔文）', 'İstanbul ΣΟΦΙΑ σοφια', '全角　空格', '折扣％不是通配符', 'x]y', 'x[y', '^^^', '---'];
    const terms = ['a[b', 'b]c', 'c*d', 'd?e', 'e^f', 'f-g', '[b]', '*d?', 'abc-1', 'b2-2015', '5 k', 'σοφ', 'i̇st', '%不是', ']y', 'x[y', '^^^', '--', '扣%不'];
    let accepted = 0;
    for (const text of texts) {
      for (const term of terms) {
        const t = normalizeForSearch(term);
        if (/\s/.test(t)) continue; // terms never hold spaces (split on whitespace)
        const want = textHasTerms(text, [t]);
        const got = check(text, t);
        expect(got.match, `${text} ∋ ${t}`).toBe(want);
        if (got.glob) {
          expect(want, `GLOB accepted ${text} for ${t}`).toBe(true);
          accepted++;
        }
      }
    }
    expect(accepted).toBeGreaterThanOrEqual(15);
    // Named cases: upper case and full-width forms are found by the GLOB itself; the Kelvin sign only through the JS check.
    expect(check('Ａ［Ｂ］Ｃ＊Ｄ？Ｅ＾Ｆ－Ｇ', 'b]c')).toEqual({ glob: true, match: true });
    expect(check('ABC-123', 'abc-1')).toEqual({ glob: true, match: true });
    expect(check('温度 5 \u212a', '5 k'.replace(' ', ''))).toEqual({ glob: false, match: false });
    expect(check('温度\u212a值', '度k值')).toEqual({ glob: false, match: true });
    expect(check('x]y', ']y')).toEqual({ glob: true, match: true });
    expect(check('abc', 'a[b')).toEqual({ glob: false, match: false });
  });

  it('every raw form of a character normalises to it by itself, for every printable ASCII character', () => {
    for (let cp = 0x21; cp <= 0x7e; cp++) {
      const t = normalizeForSearch(String.fromCharCode(cp));
      if (t.length !== 1) continue;
      const forms = rawFormsOf(t);
      expect(forms[0]).toBe(t);
      for (const f of forms) expect(normalizeForSearch(f)).toBe(t);
      expect(forms).toContain(String.fromCharCode(t.charCodeAt(0) + 0xfee0));
    }
    expect(rawFormsOf('k').sort()).toEqual(['K', 'k', 'Ｋ', 'ｋ'].sort());
    expect(rawFormsOf('晋')).toEqual(['晋']);
  });
});
