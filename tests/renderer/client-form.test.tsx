import { describe, expect, it, vi, afterEach } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Client, ClientInput, Envelope, Method } from '../../shared/contract';
import { validateUscc } from '../../shared/domain/uscc';
import { setTransport } from '../../renderer/src/api';
import { ClientForm } from '../../renderer/src/components/ClientForm';

type Call = { method: Method; input: { client: ClientInput; id?: number } };

function savedClient(c: ClientInput, id = 1): Client {
  return {
    ...c,
    id,
    stage: 'consultation',
    stageSince: '2026-11-28',
    usccValid: true,
    archived: false,
    materialsDone: 0,
    materialsTotal: 20,
    lastNoteDate: null,
    createdAt: '2026-11-28T00:00:00.000Z',
    extraInfo: [], updatedAt: '2026-11-28T00:00:00.000Z',
  };
}

/** Fakes the API: records calls; `reply` may return an error envelope. */
function fakeApi(reply?: (method: Method, input: Call['input']) => Envelope<unknown> | undefined) {
  const calls: Call[] = [];
  setTransport(async (method, input) => {
    const i = input as Call['input'];
    calls.push({ method, input: i });
    const r = reply?.(method, i);
    if (r) return r;
    return { ok: true, value: { client: savedClient(i.client, i.id ?? 1), warnings: [] } };
  });
  return calls;
}

function setup(initial: Client | null = null) {
  const onSaved = vi.fn();
  const onCancel = vi.fn();
  render(<ClientForm initial={initial} onSaved={onSaved} onCancel={onCancel} />);
  return { onSaved, onCancel };
}

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

function fillRequired(name: string, uscc: string, city: string) {
  type('cf-name', name);
  type('cf-uscc', uscc);
  fireEvent.blur(screen.getByTestId('cf-uscc'));
  type('cf-city', city);
}

async function submit() {
  await act(async () => {
    fireEvent.click(screen.getByTestId('cf-submit'));
  });
}

/** The helper/error text under the USCC field. */
const usccHelper = () => document.getElementById('cf-uscc-helper-text')?.textContent ?? '';

afterEach(() => setTransport(null));

describe('ClientForm', () => {
  it('an empty submit shows the required errors and makes no call', async () => {
    const calls = fakeApi();
    const { onSaved } = setup();
    await submit();
    expect(screen.getByText('请填写公司名称')).toBeTruthy();
    expect(screen.getByText('请填写统一社会信用代码')).toBeTruthy();
    expect(screen.getByText('请选择所在城市')).toBeTruthy();
    expect(calls).toHaveLength(0);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('marks the required fields', () => {
    setup();
    for (const id of ['cf-name', 'cf-uscc', 'cf-city']) expect(screen.getByTestId(id).getAttribute('aria-required')).toBe('true');
    expect(document.getElementById('cf-name-label')?.textContent).toContain('公司名称');
    expect(document.getElementById('cf-name-label')?.textContent).toContain('*');
  });

  it('a USCC with a wrong check character shows the Chinese check-character error and makes no call', async () => {
    const calls = fakeApi();
    setup();
    fillRequired('临汾测试科技有限公司', '91140802MA6NLDQK80', '运城市');
    const r = validateUscc('91140802MA6NLDQK80');
    expect(r.ok).toBe(false);
    const message = r.ok ? '' : r.message;
    expect(message).toContain('校验位错误');
    expect(usccHelper()).toBe(message); // shown on blur already
    await submit();
    expect(usccHelper()).toBe(message);
    expect(calls).toHaveLength(0);
  });

  it('shows length and charset errors in Chinese', () => {
    fakeApi();
    setup();
    type('cf-uscc', '9114010');
    fireEvent.blur(screen.getByTestId('cf-uscc'));
    expect(usccHelper()).toContain('应为18位');
    type('cf-uscc', '91140106MA1QN6K44O');
    fireEvent.blur(screen.getByTestId('cf-uscc'));
    expect(usccHelper()).toContain('非法字符“O”');
  });

  it('accepts a full-width USCC, shows the normalised value and sends it normalised', async () => {
    const calls = fakeApi();
    const { onSaved } = setup();
    type('cf-name', '阳泉禾丰汇农产品供应链有限公司');
    type('cf-uscc', '９１１４０３０２ＭＡＥＡ０１８２１Ｌ');
    expect(usccHelper()).toContain('91140302MAEA01821L'); // preview while typing
    fireEvent.blur(screen.getByTestId('cf-uscc'));
    expect((screen.getByTestId('cf-uscc') as HTMLInputElement).value).toBe('91140302MAEA01821L');
    // the empty city was filled in from the code's division (1403 阳泉市)
    expect((screen.getByTestId('cf-city') as HTMLSelectElement).value).toBe('阳泉市');
    await submit();
    expect(calls).toHaveLength(1);
    expect(calls[0].method).toBe('clients.create');
    expect(calls[0].input.client.uscc).toBe('91140302MAEA01821L');
    expect(calls[0].input.client.city).toBe('阳泉市');
    expect(onSaved).toHaveBeenCalledTimes(1);
  });

  it('accepts a lower-case USCC with spaces', async () => {
    const calls = fakeApi();
    setup();
    fillRequired('太原晋祠兴旅游服务有限公司', ' 91140106ma1qn6k440 ', '太原市');
    await submit();
    expect(calls[0].input.client.uscc).toBe('91140106MA1QN6K440');
  });

  it('warns when the city differs from the USCC division but still saves', async () => {
    const calls = fakeApi(() => ({
      ok: true,
      value: { client: savedClient({ ...(calls[0].input.client) }), warnings: [{ code: 'city_mismatch', message: 'x' }] },
    }));
    const { onSaved } = setup();
    fillRequired('大同沃土坊农产品供应链有限公司', '91140213MA4NRBGM4J', '太原市');
    const warning = screen.getByTestId('cf-warning');
    expect(warning.textContent).toContain('统一社会信用代码显示该企业登记在大同市，与所选城市（太原市）不一致');
    await submit();
    expect(calls).toHaveLength(1);
    expect(calls[0].input.client.city).toBe('太原市');
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ city: '太原市' }), [{ code: 'city_mismatch', message: 'x' }]);
  });

  it('warns about a USCC from outside Shanxi', () => {
    fakeApi();
    setup();
    type('cf-uscc', '91610131MA6U0XX123');
    type('cf-city', '太原市');
    expect(screen.getByTestId('cf-warning').textContent).toContain('不在山西省');
  });

  it('sends capital 500 万元 as 5000000 yuan, and 元 as typed', async () => {
    const calls = fakeApi();
    setup();
    fillRequired('太原晋祠兴旅游服务有限公司', '91140106MA1QN6K440', '太原市');
    type('cf-capital', '500');
    expect(document.getElementById('cf-capital-helper-text')?.textContent).toBe('= 5,000,000 元');
    await submit();
    expect(calls[0].input.client.capitalYuan).toBe(5_000_000);

    fireEvent.click(screen.getByTestId('cf-capital-unit-yuan'));
    type('cf-capital', '1,200,000');
    await submit();
    expect(calls[1].input.client.capitalYuan).toBe(1_200_000);
  });

  it('rejects a non-numeric capital without calling', async () => {
    const calls = fakeApi();
    setup();
    fillRequired('太原晋祠兴旅游服务有限公司', '91140106MA1QN6K440', '太原市');
    type('cf-capital', '五百万');
    await submit();
    expect(document.getElementById('cf-capital-helper-text')?.textContent).toBe('请填写数字');
    expect(calls).toHaveLength(0);
  });

  it('shows a server CONFLICT (duplicate USCC) inline on the USCC field', async () => {
    const message = '统一社会信用代码已存在：太原晋祠兴旅游服务有限公司';
    const calls = fakeApi(() => ({
      ok: false,
      error: { code: 'CONFLICT', message, details: { fields: [{ path: 'client.uscc', message }], clientId: 7 } },
    }));
    const { onSaved } = setup();
    fillRequired('太原晋祠兴旅游服务有限公司', '91140106MA1QN6K440', '太原市');
    await submit();
    expect(calls).toHaveLength(1);
    await waitFor(() => expect(usccHelper()).toContain(message));
    expect(screen.getByTestId('cf-open-existing')).toBeTruthy();
    expect(onSaved).not.toHaveBeenCalled();
    expect((screen.getByTestId('cf-submit') as HTMLButtonElement).disabled).toBe(false);
  });

  it('disables the submit button while saving', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    setTransport(async (_m, input) => {
      await gate;
      return { ok: true, value: { client: savedClient((input as Call['input']).client), warnings: [] } };
    });
    const { onSaved } = setup();
    fillRequired('太原晋祠兴旅游服务有限公司', '91140106MA1QN6K440', '太原市');
    await submit();
    expect((screen.getByTestId('cf-submit') as HTMLButtonElement).disabled).toBe(true);
    await act(async () => {
      release();
      await gate;
    });
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
  });

  it('Enter submits and Esc cancels', async () => {
    const calls = fakeApi();
    const { onCancel } = setup();
    fillRequired('太原晋祠兴旅游服务有限公司', '91140106MA1QN6K440', '太原市');
    await act(async () => {
      fireEvent.keyDown(screen.getByTestId('cf-name'), { key: 'Enter' });
    });
    expect(calls).toHaveLength(1);
    // The form holds typed values: Esc asks before discarding them.
    fireEvent.keyDown(screen.getByTestId('cf-name'), { key: 'Escape' });
    expect(onCancel).not.toHaveBeenCalled();
    expect(screen.getByText('放弃未保存的修改？')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByTestId('confirm-ok'));
    });
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('Esc on an untouched form cancels at once', () => {
    const { onCancel } = setup();
    fireEvent.keyDown(screen.getByTestId('cf-name'), { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('sends the founding date typed into the date field as YYYY-MM-DD', async () => {
    const calls = fakeApi();
    setup();
    fillRequired('太原晋祠兴旅游服务有限公司', '91140106MA1QN6K440', '太原市');
    type('cf-founded', '2021-02-15');
    await submit();
    expect(calls[0].input.client.founded).toBe('2021-02-15');
  });

  it('edits an existing client with clients.update', async () => {
    const calls = fakeApi();
    const initial = savedClient(
      {
        name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市', district: '迎泽区', address: null, industry: '文旅服务',
        platformName: null, domain: null, icpFilingNo: null, serverLocation: null, businessScope: null, legalRep: null, legalRepIdNumber: null, contactName: null, contactPhone: '15226771482',
        capitalYuan: 5_000_000, founded: '2021-02-15', officeAreaM2: 120, insuredStaff: 5, consultant: '王顾问', remark: null,
      },
      42,
    );
    setup(initial);
    expect((screen.getByTestId('cf-capital') as HTMLInputElement).value).toBe('500');
    type('cf-contactName', '李明');
    await submit();
    expect(calls[0].method).toBe('clients.update');
    expect(calls[0].input.id).toBe(42);
    expect(calls[0].input.client).toMatchObject({ contactName: '李明', capitalYuan: 5_000_000, founded: '2021-02-15', officeAreaM2: 120, insuredStaff: 5, industry: '文旅服务' });
  });

  it('checks a typed ID number, and sends the masked value back unchanged when the user did not touch it', async () => {
    const calls = fakeApi();
    setup();
    fillRequired('太原晋祠兴旅游服务有限公司', '91140106MA1QN6K440', '太原市');
    type('cf-legalRepIdNumber', '140105199001011234');
    await submit();
    expect(calls).toHaveLength(0);
    expect(screen.getByText('身份证号校验码不正确，请核对')).toBeTruthy();
    type('cf-legalRepIdNumber', '140105199001011238');
    await submit();
    expect(calls[0].input.client.legalRepIdNumber).toBe('140105199001011238');

    const edit = fakeApi();
    const initial = savedClient({
      name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市', district: null, address: null, industry: '其他',
      platformName: null, domain: null, icpFilingNo: null, serverLocation: null, businessScope: null, legalRep: '黄春梅', legalRepIdNumber: '1401**********1238', contactName: null,
      contactPhone: null, capitalYuan: null, founded: null, officeAreaM2: null, insuredStaff: null, consultant: null, remark: null,
    }, 7);
    cleanup();
    setup(initial);
    await submit();
    expect(edit[0].input.client.legalRepIdNumber).toBe('1401**********1238');
  });
});
