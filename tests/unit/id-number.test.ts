import { describe, expect, it } from 'vitest';
import { idCheckChar, isMaskedIdNumber, maskIdNumber, validateIdNumber } from '../../shared/domain/id-number';

describe('ID numbers (GB 11643)', () => {
  it.each([
    ['11010519491231002X', true],
    ['140105199001011238', true],
    ['１４０１０５１９９００１０１１２３８', true],
    ['140105199001011234', false],
    ['14010519900230123X', false],
    ['1401051990010112', false],
  ])('%s valid=%s', (id, ok) => {
    expect(validateIdNumber(id).ok).toBe(ok);
  });
  it('check character and future birth dates', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(validateIdNumber('140105203001011230', '2026-11-29').ok).toBe(false);
  });
  it('masks as 1401**********1238 and recognises the mask', () => {
    expect(maskIdNumber('140105199001011238')).toBe('1401**********1238');
    expect(isMaskedIdNumber('1401**********1238')).toBe(true);
    expect(isMaskedIdNumber('140105199001011238')).toBe(false);
  });
});
