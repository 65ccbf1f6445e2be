/**
 * Hash routing: '#/' home dashboard, '#/clients' register (optional ?city=…&stage=… filters, used by the dashboard's
 * charts), '#/clients/<id>' client page (optional ?tab=…), '#/clients/new', '#/import', '#/board' stage board,
 * '#/settings', '#/settings/inspection-template' (site-inspection checklist template), '#/weekly?week=2026-W48' (weekly roll-up), '#/weekly/clients/<id>?week=2026-W48' (one client's week),
 * '#/print/<view>?…' print views. A tiny zustand store mirrors `location.hash` so components re-render on navigation and back/forward work.
 */
import { create } from 'zustand';
import { STAGE_KEYS, type StageKey } from '../../shared/domain/stages';

export type Route =
  | { name: 'home' }
  | { name: 'clients'; city?: string | null; stage?: StageKey | null }
  | { name: 'client'; id: number; tab?: string | null }
  | { name: 'newClient' }
  | { name: 'import' }
  | { name: 'weekly'; week: string | null; clientId: number | null }
  | { name: 'board' }
  | { name: 'settings' }
  | { name: 'inspectionTemplate' }
  | { name: 'print'; view: string; params: URLSearchParams };

export function parseHash(hash: string): Route {
  const [pathPart, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const p = pathPart.split('/').filter(Boolean);
  const q = new URLSearchParams(query);
  if (p[0] === 'print' && p[1]) return { name: 'print', view: p[1], params: q };
  if (p[0] === 'clients' && p[1] === 'new') return { name: 'newClient' };
  if (p[0] === 'clients' && p[1] && /^\d+$/.test(p[1])) return { name: 'client', id: Number(p[1]), tab: q.get('tab') };
  if (p[0] === 'clients') {
    const stage = q.get('stage');
    return { name: 'clients', city: q.get('city'), stage: stage && (STAGE_KEYS as readonly string[]).includes(stage) ? (stage as StageKey) : null };
  }
  if (p[0] === 'import') return { name: 'import' };
  if (p[0] === 'weekly') {
    const week = new URLSearchParams(query).get('week');
    const clientId = p[1] === 'clients' && p[2] && /^\d+$/.test(p[2]) ? Number(p[2]) : null;
    return { name: 'weekly', week: week && /^\d{4}-W\d{2}$/.test(week) ? week : null, clientId };
  }
  if (p[0] === 'board') return { name: 'board' };
  if (p[0] === 'settings' && p[1] === 'inspection-template') return { name: 'inspectionTemplate' };
  if (p[0] === 'settings') return { name: 'settings' };
  return { name: 'home' };
}

export function routeHash(r: Route): string {
  switch (r.name) {
    case 'clients': {
      const q = new URLSearchParams();
      if (r.city) q.set('city', r.city);
      if (r.stage) q.set('stage', r.stage);
      return q.size ? `#/clients?${q.toString()}` : '#/clients';
    }
    case 'client': return r.tab ? `#/clients/${r.id}?tab=${encodeURIComponent(r.tab)}` : `#/clients/${r.id}`;
    case 'newClient': return '#/clients/new';
    case 'import': return '#/import';
    case 'weekly': return `#/weekly${r.clientId ? `/clients/${r.clientId}` : ''}${r.week ? `?week=${r.week}` : ''}`;
    case 'board': return '#/board';
    case 'settings': return '#/settings';
    case 'inspectionTemplate': return '#/settings/inspection-template';
    case 'print': return `#/print/${r.view}?${r.params.toString()}`;
    default: return '#/';
  }
}

export const useRoute = create<{ route: Route }>(() => ({ route: parseHash(typeof location === 'undefined' ? '' : location.hash) }));

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => useRoute.setState({ route: parseHash(location.hash) }));
}

export function navigate(r: Route): void {
  location.hash = routeHash(r);
}

/** Replaces the current history entry with `r` (e.g. filling in a default), so Back does not return to it. */
export function replaceRoute(r: Route): void {
  history.replaceState(history.state, '', routeHash(r));
  useRoute.setState({ route: parseHash(routeHash(r)) });
}
