import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { OPERATOR_METHODS, ipcChannel } from '../../src-shared/operator-methods';
import type { OperatorApi } from '../../src-shared/operator-api';
import { dispatch } from '../operator/dispatch';
import { APP_ORIGIN } from './app-protocol';

/** Only the top frame of our own console may call the operator API: no iframe, no other origin. */
function senderIsOurConsole(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

export function registerOperatorIpc(handlers: OperatorApi, log: (line: string) => void): void {
  for (const method of OPERATOR_METHODS) {
    ipcMain.handle(ipcChannel(method), (event, ...args: unknown[]) => {
      if (!senderIsOurConsole(event)) {
        log(`refused operator IPC ${method} from ${event.senderFrame?.url ?? 'an unknown frame'}`);
        return { error: { code: 'forbidden_sender', message: 'operator API calls are accepted from the console only' } };
      }
      return dispatch(handlers, method, args, (m, error) => log(`operator ${m} failed: ${String(error)}`));
    });
  }
}
