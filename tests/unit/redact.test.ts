import { describe, expect, it } from 'vitest';
import { redactPersonalData } from '../../shared/redact';

describe('log redaction', () => {
  it('removes ID numbers, mobiles and landlines, keeps USCCs and dates', () => {
    const s = redactPersonalData('id 140105199001011238 / 11010519491231002x tel 15226771482, +86 13780102931, 0351-5322469; uscc 91140106MA1QN6K440 on 2026-11-27');
    expect(s).toBe('id [身份证号] / [身份证号] tel [电话], [电话], [电话]; uscc 91140106MA1QN6K440 on 2026-11-27');
  });
});
