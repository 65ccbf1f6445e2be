/**
 * Hash routing: '#/' register, '#/clients/<id>' client page, '#/clients/new', '#/import', '#/settings'. A tiny zustand store
 * mirrors `location.hash` so components re-render on navigation and back/forward work.
 */
import { create } from 'zustand';

export type Route =
  | { name: 'clients' }
  | { name: 'client'; id: number }
  | { name: 'newClient' }
  | { name: 'import' }
  | { name: 'settings' }
  | { name: 'print'; view: string; params: URLSearchParams };

export function parseHash(hash: string): Route {
  const [pathPart, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const p = pathPart.split('/').filter(Boolean);
  if (p[0] === 'print' && p[1]) return { name: 'print', view: p[1], params: new URLSearchParams(query) };
  if (p[0] === 'clients' && p[1] === 'new') return { name: 'newClient' };
  if (p[0] === 'clients' && p[1] && /^\d+$/.test(p[1])) return { name: 'client', id: Number(p[1]) };
  if (p[0] === 'import') return { name: 'import' };
  if (p[0] === 'settings') return { name: 'settings' };
  return { name: 'clients' };
}

export function routeHash(r: Route): string {
  switch (r.name) {
    case 'client': return `#/clients/${r.id}`;
    case 'newClient': return '#/clients/new';
    case 'import': return '#/import';
    case 'settings': return '#/settings';
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
