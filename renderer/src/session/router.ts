import { useSyncExternalStore } from 'react';
import { isRequestPreset, type RequestPreset } from '../db/request-filters';

/**
 * A hash router: `#/requests/abc`. The app is served from app:// in Electron
 * and from a static server in the browser; the hash works the same in both
 * and needs no server rewrite. Routes are few and flat, so a library would
 * add more than it saves.
 */
export type Route =
  | { name: 'today' }
  | { name: 'intake' }
  | { name: 'requests'; preset?: RequestPreset }
  | { name: 'request'; id: string }
  | { name: 'citizens' }
  | { name: 'citizen'; id: string }
  | { name: 'settings'; section: string }
  | { name: 'council' }
  | { name: 'assisted'; sessionId?: string; citizenId?: string }
  | { name: 'stats' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second] = parts;
  switch (first) {
    case 'nouvelle':
      return { name: 'intake' };
    case 'demandes':
      // #/demandes/filtre/en-retard: the list on one of Aujourd'hui's filters; request ids are UUIDs, never « filtre »
      if (second === 'filtre') return isRequestPreset(parts[2]) ? { name: 'requests', preset: parts[2] } : { name: 'requests' };
      return second ? { name: 'request', id: second } : { name: 'requests' };
    case 'usagers':
      return second ? { name: 'citizen', id: second } : { name: 'citizens' };
    case 'reglages':
      return { name: 'settings', section: second ?? 'commune' };
    case 'conseil':
      return { name: 'council' };
    case 'accompagnement':
      // #/accompagnement/usager/<citizen id> starts one for that resident; #/accompagnement/<session id> opens one
      if (second === 'usager' && parts[2]) return { name: 'assisted', citizenId: parts[2] };
      return second ? { name: 'assisted', sessionId: second } : { name: 'assisted' };
    case 'chiffres':
      return { name: 'stats' };
    default:
      return { name: 'today' };
  }
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'today':
      return '#/';
    case 'intake':
      return '#/nouvelle';
    case 'requests':
      return route.preset ? `#/demandes/filtre/${route.preset}` : '#/demandes';
    case 'request':
      return `#/demandes/${encodeURIComponent(route.id)}`;
    case 'citizens':
      return '#/usagers';
    case 'citizen':
      return `#/usagers/${encodeURIComponent(route.id)}`;
    case 'settings':
      return `#/reglages/${encodeURIComponent(route.section)}`;
    case 'council':
      return '#/conseil';
    case 'assisted':
      if (route.sessionId) return `#/accompagnement/${encodeURIComponent(route.sessionId)}`;
      if (route.citizenId) return `#/accompagnement/usager/${encodeURIComponent(route.citizenId)}`;
      return '#/accompagnement';
    case 'stats':
      return '#/chiffres';
  }
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
