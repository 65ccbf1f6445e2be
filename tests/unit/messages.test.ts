import { describe, expect, it } from 'vitest';
import { msg, zhText, ZH_MESSAGES } from '../../shared/messages';
import { cleanMultiline } from '../../shared/domain/text';
import messages from '../../renderer/src/i18n/resources/messages';

describe('coded messages', () => {
  it('English lists exactly the codes of the zh-CN source of truth, with the same placeholders', () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(ZH_MESSAGES).sort());
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    // zod_issue carries zod's own text in each language ({{zh}} / {{en}}, db/dispatch.ts); every other code has the same placeholders.
    expect([vars(ZH_MESSAGES.zod_issue), vars(messages.en.zod_issue)]).toEqual([['zh'], ['en']]);
    for (const [k, zh] of Object.entries(ZH_MESSAGES)) if (k !== 'zod_issue') expect(vars(messages.en[k as keyof typeof messages.en]), k).toEqual(vars(zh));
  });

  it('renders nested messages in zh-CN', () => {
    expect(zhText(msg('reason_bad_value', { column: '注册资本', detail: msg('capital_unreadable', { value: '约五百万' }) })))
      .toBe('“注册资本”列：无法识别的注册资本“约五百万”（应为如“500万元”或“5000000”的金额），该项将留空');
  });
});

describe('cleanMultiline', () => {
  it('keeps line breaks (CRLF, CR, LF → LF) and cleans each line', () => {
    expect(cleanMultiline(' 第一行\r\n第二行，含逗号 ')).toBe('第一行\n第二行，含逗号');
    expect(cleanMultiline('a\rb\nc\u2028d')).toBe('a\nb\nc\nd');
    expect(cleanMultiline('\n\n  太原　市  小店区 \n\n\n\n长风街 \n')).toBe('太原 市 小店区\n\n长风街');
    expect(cleanMultiline(null)).toBe('');
  });
});
