/**
 * Child process of crash.test.ts: opens the log in DIR and appends as fast as it can,
 * writing each committed seq to stdout synchronously (an acknowledgement), until killed.
 */
import { writeSync } from 'node:fs';
import { openAuditLog } from '../../src-main/audit/audit-log';
import { openStore } from '../../src-main/store/database';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: crash-writer DIR');
const store = openStore(dataDir);
const log = openAuditLog(store, { dataDir, checkpointEvery: 97, checkpointIntervalMs: 20 });

/** stdout is a non-blocking pipe: when the parent lags, wait for room rather than fail. */
function acknowledge(seq: number): void {
  const line = Buffer.from(`${seq}\n`);
  let written = 0;
  while (written < line.length) {
    try {
      written += writeSync(1, line, written);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}

let i = 0;
function burst(): void {
  for (let n = 0; n < 50; n += 1, i += 1) {
    const seq = log.append('decision', { i, decision: 'allow', agent: { id: `agt_${i % 5}` } }, i % 4 === 0 ? `payload ${i}` : undefined);
    acknowledge(seq);
  }
  // Yield so the checkpoint timer also fires mid-stream, as it does in the server.
  setImmediate(burst);
}
burst();
