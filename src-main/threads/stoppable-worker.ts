import { Worker } from 'node:worker_threads';

/**
 * A worker thread beside the engine, for slow I/O kept off the event loop (fsyncs, WAL
 * checkpoints). Its source is CommonJS run with `eval`, so it behaves the same from the
 * bundle and from source. The engine closes synchronously, so stop() blocks (bounded) until
 * the worker has handled every message sent before it and called `finish()`.
 *
 * The source gets `parentPort`, `workerData` and `finish` in scope, and must call `finish()`
 * when it receives the message `STOP`.
 */
export interface StoppableWorker {
  /** False once the worker is gone (the caller then does the work itself). */
  post(message: unknown): boolean;
  stop(): void;
}

export const STOP = '__stop__';

const PRELUDE = `
const { parentPort, workerData } = require('node:worker_threads');
const STOP = ${JSON.stringify(STOP)};
const finish = () => {
  const done = new Int32Array(workerData.done);
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
  parentPort.close();
};
`;

export interface WorkerHandlers {
  onMessage?: (message: unknown) => void;
  /** The worker threw: it is gone, later posts return false. */
  onFailure?: (error: Error) => void;
}

export function startStoppableWorker(source: string, data: Record<string, unknown>, handlers: WorkerHandlers = {}): StoppableWorker {
  const done = new SharedArrayBuffer(4);
  const worker = new Worker(`${PRELUDE}\n${source}`, { eval: true, workerData: { ...data, done } });
  worker.unref();
  let alive = true;
  worker.on('message', (message: unknown) => handlers.onMessage?.(message));
  worker.on('error', (error) => {
    alive = false;
    handlers.onFailure?.(error);
  });
  worker.on('exit', () => {
    alive = false;
  });
  return {
    post(message) {
      if (alive) worker.postMessage(message);
      return alive;
    },
    stop() {
      if (!alive) return;
      alive = false;
      worker.postMessage(STOP);
      if (Atomics.wait(new Int32Array(done), 0, 0, 5000) === 'timed-out') void worker.terminate();
    },
  };
}
