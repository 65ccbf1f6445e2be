/**
 * English counts use i18next plurals (issue 14): "1 client", "1 day left", never "1 clients". Chinese has no singular
 * form, so `_one` keys exist in English only; every other key is the same in both languages.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import i18n from '../../renderer/src/i18n/index';
import type { Envelope } from '../../shared/contract';
import { setTransport } from '../../renderer/src/api';
import { ClientsPage } from '../../renderer/src/pages/ClientsPage';
import common from '../../renderer/src/i18n/resources/common';
import clients from '../../renderer/src/i18n/resources/clients';
import client from '../../renderer/src/i18n/resources/client';
import clientForm from '../../renderer/src/i18n/resources/client-form';
import importRes from '../../renderer/src/i18n/resources/import';
import weekly from '../../renderer/src/i18n/resources/weekly';
import inspection from '../../renderer/src/i18n/resources/inspection';
import deadlines from '../../renderer/src/i18n/resources/deadlines';
import aftercare from '../../renderer/src/i18n/resources/aftercare';
import eligibility from '../../renderer/src/i18n/resources/eligibility';
import backup from '../../renderer/src/i18n/resources/backup';
import attachments from '../../renderer/src/i18n/resources/attachments';

const ALL = { common, clients, client, clientForm, importRes, weekly, inspection, deadlines, aftercare, eligibility, backup, attachments };
const keys = (o: object, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${p}${k}.`) : [`${p}${k}`])).sort();

afterEach(async () => {
  setTransport(null);
  await i18n.changeLanguage('zh-CN');
});

describe('English plurals', () => {
  it('every resource has the same keys in both languages, plural suffixes (_one, _other) aside', () => {
    const base = (o: object) => [...new Set(keys(o).map((k) => k.replace(/_(one|other)$/, '')))].sort();
    for (const [name, res] of Object.entries(ALL)) expect(base(res.en), name).toEqual(base(res.zh));
  });

  it('counted phrases: 1 client / 2 clients, 1 day left, 1 working day left, 1 day overdue; Chinese unchanged', async () => {
    await i18n.changeLanguage('en');
    expect(i18n.t('clients.count', { total: 1, count: 1 })).toBe('1 client');
    expect(i18n.t('clients.count', { total: 2, count: 2 })).toBe('2 clients');
    expect(i18n.t('deadlines.line.left_calendar_days', { n: 1, count: 1 })).toBe('1 day left');
    expect(i18n.t('deadlines.line.left_working_days', { n: 1, count: 1 })).toBe('1 working day left');
    expect(i18n.t('deadlines.line.overdue', { n: 1, count: 1 })).toBe('1 day overdue');
    expect(i18n.t('aftercare.renewal.expiredFor', { n: 1, count: 1 })).toBe('expired 1 day ago');
    await i18n.changeLanguage('zh-CN');
    expect(i18n.t('clients.count', { total: 1, count: 1 })).toBe(i18n.t('clients.count', { total: 1 }));
  });

  it('the English register with one client says "1 client"', async () => {
    await i18n.changeLanguage('en');
    setTransport(async (method): Promise<Envelope<unknown>> => {
      if (method === 'clients.list') {
        return { ok: true, value: { total: 1, rows: [{ id: 1, name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市', industry: null, stage: 'materials', consultant: null, materialsDone: 3, materialsTotal: 17, lastNoteDate: null, contactName: null, contactPhone: null }] } };
      }
      if (method === 'clients.facets') return { ok: true, value: { consultants: [], total: 1 } };
      if (method === 'inspections.upcoming') return { ok: true, value: [] };
      return { ok: true, value: null };
    });
    render(<ClientsPage />);
    expect(await screen.findByText('1 client')).toBeTruthy();
  });
});
