import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { ConsoleStore } from './store';

export const ConsoleContext = createContext<ConsoleStore | null>(null);

type State = ReturnType<ConsoleStore['getState']>;

export function useConsole<T>(selector: (state: State) => T): T {
  const store = useContext(ConsoleContext);
  if (!store) throw new Error('useConsole outside ConsoleContext');
  return useStore(store, selector);
}
