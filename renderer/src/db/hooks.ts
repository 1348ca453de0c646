import { useEffect, useState } from 'react';
import type { Observable } from 'rxjs';

/**
 * Subscribes a component to an RxDB query (or any observable) and re-renders
 * on every change. `deps` say when the query itself must be rebuilt.
 * Returns undefined until the first result, so screens can tell "loading"
 * from "empty".
 */
export function useObservable<T>(factory: () => Observable<T>, deps: readonly unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    setValue(undefined);
    const subscription = factory().subscribe({ next: setValue });
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
