import { describe, expect, it } from 'vitest';
import { normalizeUscc, usccCheckChar, usccCityCode, validateUscc } from '../../shared/domain/uscc';

describe('normalizeUscc', () => {
  it.each([
    ['９１１４０３０２ＭＡＥＡ０１８２１Ｌ', '91140302MAEA01821L'],
    ['91140922manq1gm87y', '91140922MANQ1GM87Y'],
    [' 9114 0106\u3000MA1QN6K440 ', '91140106MA1QN6K440'],
  ])('%s → %s', (raw, expected) => expect(normalizeUscc(raw)).toBe(expected));
});

describe('usccCheckChar', () => {
  it.each([
    ['91140106MA1QN6K44', '0'],
    ['91140213MA4NRBGM4', 'J'],
    ['91140302MAEA01821', 'L'],
    ['91610113MA60MKFJ3', '5'],
    ['91140922MANQ1GM87', 'Y'],
  ])('%s → %s', (first17, expected) => expect(usccCheckChar(first17)).toBe(expected));

  it('returns null for a character outside the charset or a wrong length', () => {
    expect(usccCheckChar('91140106MA1QN6KI4')).toBeNull(); // I
    expect(usccCheckChar('91140106MA1QN6KO4')).toBeNull(); // O
    expect(usccCheckChar('91140106ma1qn6k44')).toBeNull(); // lower case is not normalised here
    expect(usccCheckChar('9114010')).toBeNull();
  });
});

describe('validateUscc', () => {
  it.each(['91140106MA1QN6K440', '91140213MA4NRBGM4J', '91140302MAEA01821L', '91610113MA60MKFJ35'])(
    'valid: %s',
    (raw) => expect(validateUscc(raw)).toEqual({ ok: true, uscc: raw, normalised: [] }),
  );

  it.each<[string, string, string[]]>([
    ['９１１４０３０２ＭＡＥＡ０１８２１Ｌ', '91140302MAEA01821L', ['fullwidth']],
    ['91140922manq1gm87y', '91140922MANQ1GM87Y', ['lowercase']],
    [' 91140106MA1QN6K440 ', '91140106MA1QN6K440', ['whitespace']],
    ['９１１４０９２２ｍａｎｑ１ｇｍ８７ｙ', '91140922MANQ1GM87Y', ['fullwidth', 'lowercase']],
  ])('valid after normalising: %s', (raw, uscc, normalised) => {
    expect(validateUscc(raw)).toEqual({ ok: true, uscc, normalised });
  });

  it.each([
    ['91140802MA6NLDQK80', 'F'],
    ['91140902MAKPB14K80', 'R'],
    ['91141002MAG8J7LP40', 'J'],
  ])('wrong check character: %s (should end in %s)', (raw, expected) => {
    const r = validateUscc(raw);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe('check');
    expect(r.expected).toBe(expected);
    expect(r.uscc).toBe(raw);
    expect(r.expected).not.toBe(raw[17]);
    expect(r.message).toContain('校验位');
  });

  it.each<[string, string]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['91140106MA1QN6K44', 'length'],
    ['91140106MA1QN6K4400', 'length'],
    ['91140106MA1QN6KI40', 'charset'],
    ['91140106MA1QN6K4-0', 'charset'],
  ])('invalid %j → %s', (raw, reason) => {
    const r = validateUscc(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe(reason);
      expect(r.message).toMatch(/统一社会信用代码/);
    }
  });
});

describe('usccCityCode', () => {
  it.each<[string, string | null]>([
    ['91140106MA1QN6K440', '1401'],
    ['91141102MA6HRQQR87', '1411'],
    ['91610113MA60MKFJ35', '6101'],
    ['９１１４０３０２ＭＡＥＡ０１８２１Ｌ', '1403'],
    ['91MA0106', null],
    ['9114', null],
    ['', null],
  ])('%s → %s', (uscc, code) => expect(usccCityCode(uscc)).toBe(code));
});
