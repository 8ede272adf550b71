import { create } from 'zustand';
import { OperatorApiError, type Info, type OperatorApi } from '../../src-shared/operator-api';
import { createHttpOperatorApi } from '../../src-shared/operator-http-client';
import { forgetToken, rememberToken, type Transport } from './api/bridge';
import type { SectionId } from './sections';

export type Connection =
  | { state: 'connecting' }
  | { state: 'needs-token'; reason?: string }
  | { state: 'connected'; info: Info; checkedAt: number }
  | { state: 'unreachable'; error: string; info?: Info };

interface ConsoleState {
  transport: Transport['kind'];
  api: OperatorApi | undefined;
  section: SectionId;
  connection: Connection;
  setSection(section: SectionId): void;
  submitToken(token: string): Promise<void>;
  refresh(): Promise<void>;
}

export const createConsoleStore = (transport: Transport) =>
  create<ConsoleState>()((set, get) => ({
    transport: transport.kind,
    api: transport.api,
    section: 'status',
    connection: transport.api ? { state: 'connecting' } : { state: 'needs-token' },
    setSection: (section) => set({ section }),
    submitToken: async (token) => {
      rememberToken(token);
      set({ api: createHttpOperatorApi({ baseUrl: '', token }), connection: { state: 'connecting' } });
      await get().refresh();
    },
    refresh: async () => {
      const { api, connection } = get();
      if (!api) return;
      try {
        const info = await api.getInfo();
        set({ connection: { state: 'connected', info, checkedAt: Date.now() } });
      } catch (error) {
        if (error instanceof OperatorApiError && error.code === 'unauthorized') {
          forgetToken();
          set({ api: undefined, connection: { state: 'needs-token', reason: 'The token was not accepted.' } });
          return;
        }
        const lastInfo = connection.state === 'connected' ? connection.info : undefined;
        set({ connection: { state: 'unreachable', error: (error as Error).message, info: lastInfo } });
      }
    },
  }));

export type ConsoleStore = ReturnType<typeof createConsoleStore>;
