import { contextBridge, ipcRenderer } from 'electron';
import { OPERATOR_METHODS, ipcChannel } from '../src-shared/operator-methods';

// Exactly the contract's methods, each bound to its own channel; the renderer never sees
// ipcRenderer itself, so it cannot reach any other channel.
const bridge = Object.fromEntries(
  OPERATOR_METHODS.map((method) => [method, (...args: unknown[]) => ipcRenderer.invoke(ipcChannel(method), ...args)]),
);

contextBridge.exposeInMainWorld('portcullis', Object.freeze(bridge));
