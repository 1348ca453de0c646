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
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names the dependencies of its factory, as with useMemo
  useEffect(() => {
    setValue(undefined);
    const subscription = factory().subscribe({ next: setValue });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}
