import { useCallback, useEffect, useSyncExternalStore } from 'react';

/**
 * The large, high-contrast display for turning the screen towards the
 * resident. Remembered on this computer (localStorage: a preference of the
 * desk, not data of the commune), shared by every screen that offers it.
 */
const KEY = 'guichet.assisted.largeDisplay';
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return window.localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

function write(on: boolean): void {
  try {
    window.localStorage.setItem(KEY, on ? '1' : '0');
  } catch {
    // Storage refused (private mode, quota): the toggle still works for this visit.
  }
  current = on;
  for (const listener of listeners) listener();
}

let current: boolean | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function snapshot(): boolean {
  if (current === null) current = read();
  return current;
}

export function useLargeDisplay(): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(subscribe, snapshot);
  const set = useCallback((next: boolean) => write(next), []);
  // Alt+G toggles it from anywhere on the screen, even while typing.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && !event.ctrlKey && !event.metaKey && (event.key === 'g' || event.code === 'KeyG')) {
        event.preventDefault();
        write(!snapshot());
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return [on, set];
}
