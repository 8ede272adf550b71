import { isIP } from 'node:net';
import { startService } from '../server/service';
import { UsageError, type Command } from './command';
import { engineHelp, engineOptions, engineOptionsFrom } from './engine-access';

export const DEFAULT_PORT = 7440;

/** Parses a --port value: a whole number 0–65535, where 0 asks the OS for a free port. */
export function parsePort(raw: string): number {
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535 (got '${raw}')`);
  }
  return Number(raw);
}

export function parseHost(raw: string): string {
  if (raw === 'localhost' || isIP(raw) !== 0) return raw;
  throw new UsageError(`--host must be an IP address or 'localhost' (got '${raw}')`);
}

/** Resolves once SIGINT or SIGTERM arrives. */
const untilSignal = (): Promise<NodeJS.Signals> =>
  new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the headless service: agent endpoint and web operator console',
  usage: `Usage: portcullis serve [--data DIR] [--host HOST] [--port PORT] [--durable]

Starts the enforcement service and the operator console over HTTP. When it is ready it
prints exactly one line to stdout:  listening on http://HOST:PORT
The console URL, with the operator token, goes to stderr. SIGINT or SIGTERM stops it cleanly.

Options:
${engineHelp}
  --host HOST      address to bind (default 127.0.0.1; anything else exposes the service
                   beyond this machine)
  --port PORT      port to listen on (default ${DEFAULT_PORT}; 0 picks a free port)
  --durable        fsync every decision before answering (SQLite synchronous=FULL): survives
                   power loss, at a latency cost; the default survives process crashes`,
  options: {
    ...engineOptions,
    host: { type: 'string' },
    port: { type: 'string' },
    durable: { type: 'boolean' },
  },
  async run({ values }, io) {
    const host = parseHost(typeof values.host === 'string' ? values.host : '127.0.0.1');
    const port = typeof values.port === 'string' ? parsePort(values.port) : DEFAULT_PORT;
    // Register before listening so a signal during start-up still shuts down cleanly.
    const signal = untilSignal();
    const service = await startService({
      ...engineOptionsFrom(values),
      host,
      port,
      synchronous: values.durable === true ? 'FULL' : 'NORMAL',
      log: io.stderr,
    });
    if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
      io.stderr(`warning: bound to ${host}; the service is reachable from other machines`);
    }
    io.stdout(`listening on ${service.url}`);
    io.stderr(`console: ${service.consoleUrl}`);
    io.stderr(`data: ${service.engine.dataDir}`);
    const received = await signal;
    io.stderr(`${received}: shutting down`);
    await service.close();
    return 0;
  },
};
