import { describe, expect, it } from 'vitest';
import { parseHash, routeHash, type Route } from '../../renderer/src/route';

describe('routes: the dashboard is home, the register moved to #/clients', () => {
  it.each<[string, Route]>([
    ['', { name: 'home' }],
    ['#/', { name: 'home' }],
    ['#/nowhere', { name: 'home' }],
    ['#/clients', { name: 'clients', city: null, stage: null }],
    ['#/clients?stage=pre_application', { name: 'clients', city: null, stage: 'pre_application' }],
    ['#/clients?city=%E5%A4%AA%E5%8E%9F%E5%B8%82', { name: 'clients', city: '太原市', stage: null }],
    ['#/clients?stage=bogus', { name: 'clients', city: null, stage: null }],
    ['#/clients/12?tab=eligibility', { name: 'client', id: 12, tab: 'eligibility' }],
    ['#/clients/new', { name: 'newClient' }],
    ['#/board', { name: 'board' }],
    ['#/settings', { name: 'settings' }],
  ])('%s', (hash, route) => expect(parseHash(hash)).toEqual(route));

  it('round-trips through routeHash', () => {
    for (const r of [{ name: 'home' }, { name: 'clients', city: '太原市', stage: 'materials' }, { name: 'client', id: 3, tab: 'deadlines' }, { name: 'board' }, { name: 'settings' }] as Route[]) {
      expect(parseHash(routeHash(r))).toMatchObject(r);
    }
    expect(routeHash({ name: 'clients' })).toBe('#/clients');
  });
});
