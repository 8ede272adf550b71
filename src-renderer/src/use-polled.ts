import { useEffect, useState } from 'react';
import type { OperatorApi } from '../../src-shared/operator-api';
import { useConsole } from './console-context';

/**
 * Reads `load(api)` now and every `intervalMs`, again whenever `key` changes (a filter, a
 * version bumped after a change). Answers that arrive after the view moved on are dropped.
 */
export function usePolled<T>(load: (api: OperatorApi) => Promise<T>, intervalMs: number, key: string) {
  const api = useConsole((s) => s.api);
  const [data, setData] = useState<T | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (!api) return;
    let live = true;
    const tick = () =>
      load(api).then(
        (value) => {
          if (!live) return;
          setData(value);
          setError(undefined);
        },
        (e: Error) => live && setError(e.message),
      );
    void tick();
    const timer = setInterval(() => void tick(), intervalMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
    // `load` is a new closure each render; `key` says when what it loads has changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, intervalMs, key]);
  return { data, error, setError };
}
