import { useEffect, useRef, useState } from 'react';
import type { CitizenDoc } from '../../../domain/model';
import { useApp } from '../session/AppContext';
import { CITIZEN_LIST_LIMIT, citizenWordIndex, searchCitizens } from './search';

export interface CitizenSearchHookOptions {
  /** wait this long after the last key press (ms) */
  debounceMs?: number;
  /** search nothing (and return []) while the query is empty */
  skipEmpty?: boolean;
  /** leave these files out (the file being merged into) */
  excludeId?: string;
}

/**
 * The files matching the query, searched as it is typed, undefined while the
 * first answer is awaited. Index range queries answer at once; when the word
 * index has loaded (words anywhere in the name), the search runs again with
 * it (`wordsReady`). Changes to files (a new one, a merge) show without retyping.
 */
export function useCitizenSearch(
  query: string,
  options: CitizenSearchHookOptions = {},
): { results: CitizenDoc[] | undefined; wordsReady: boolean } {
  const { debounceMs = 120, skipEmpty = false, excludeId } = options;
  const { db } = useApp();
  const [results, setResults] = useState<CitizenDoc[] | undefined>(undefined);
  const [indexReady, setIndexReady] = useState(false);
  const index = citizenWordIndex(db);
  const firstRun = useRef(true);

  useEffect(() => {
    let cancelled = false;
    if (index.ready) {
      setIndexReady(true);
      return;
    }
    // After the first answer is on screen: loading the index competes with it for the store.
    const timer = setTimeout(() => void index.load().then(() => !cancelled && setIndexReady(true)), 400);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [index]);

  useEffect(() => {
    if (skipEmpty && !query.trim()) {
      setResults([]);
      return;
    }
    let cancelled = false;
    let sequence = 0;
    const run = () => {
      const mine = ++sequence;
      void searchCitizens(db, query, { index, limit: CITIZEN_LIST_LIMIT + (excludeId ? 1 : 0) }).then((found) => {
        // Only the latest search of this query may show: an older, slower one must not overwrite it.
        if (cancelled || mine !== sequence) return;
        setResults(found.filter((citizen) => citizen.id !== excludeId).slice(0, CITIZEN_LIST_LIMIT));
      });
    };
    // The first search of the screen runs at once; later ones wait for a pause in typing.
    const timer = setTimeout(run, firstRun.current ? 0 : debounceMs);
    firstRun.current = false;
    const subscription = db.citizens.$.subscribe(run);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      subscription.unsubscribe();
    };
  }, [db, index, query, indexReady, debounceMs, skipEmpty, excludeId]);
  return { results, wordsReady: indexReady };
}
