import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startStoppableWorker, type StoppableWorker } from '../threads/stoppable-worker';
import { appendFileDurable, writeFileAtomic } from './files';

/** Where signed checkpoints are copied outside the database (file, later SIEM, witness…). */
export interface CheckpointSink {
  write(note: string): void;
  /** At clean shutdown: returns once every note written so far is stored. */
  close?(): void;
}

export const CHECKPOINT_LOG = 'checkpoints.log';
export const CHECKPOINT_LATEST = 'checkpoint.latest';

/**
 * checkpoints.log gets every note (notes end with LF; a blank line separates them);
 * checkpoint.latest is replaced atomically by the newest. Put the directory on another
 * volume or owner to make it worth more than the database it vouches for.
 */
export function fileCheckpointSink(dir: string): CheckpointSink {
  return {
    write(note) {
      appendFileDurable(path.join(dir, CHECKPOINT_LOG), `${note}\n`);
      writeFileAtomic(path.join(dir, CHECKPOINT_LATEST), note);
    },
  };
}

// The file sink's work, on a worker thread; the same steps as appendFileDurable and
// writeFileAtomic, one note at a time in the order posted.
const FILE_SINK_SOURCE = `
const fs = require('node:fs');
const path = require('node:path');
const durably = (file, flags, text) => {
  const fd = fs.openSync(file, flags, 0o644);
  try { fs.writeSync(fd, text); fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
};
parentPort.on('message', (note) => {
  if (note === STOP) return finish();
  try {
    durably(workerData.log, 'a', note + '\\n');
    const temp = path.join(path.dirname(workerData.latest), '.' + path.basename(workerData.latest) + '.' + process.pid + '.tmp');
    durably(temp, 'w', note);
    fs.renameSync(temp, workerData.latest);
  } catch (error) {
    parentPort.postMessage(String(error && error.message ? error.message : error));
  }
});
`;

/**
 * The file sink with its fsyncs (two per checkpoint, up to milliseconds each) moved to a
 * worker thread started at the first note, so a checkpoint never stalls a decision. close()
 * waits for the notes still queued. If the worker cannot run, notes are written inline.
 */
export function backgroundFileCheckpointSink(dir: string, onError: (error: Error) => void): Required<CheckpointSink> {
  const inline = fileCheckpointSink(dir);
  let worker: StoppableWorker | undefined;
  return {
    write(note) {
      worker ??= startStoppableWorker(
        FILE_SINK_SOURCE,
        { log: path.join(dir, CHECKPOINT_LOG), latest: path.join(dir, CHECKPOINT_LATEST) },
        { onMessage: (message) => onError(new Error(String(message))), onFailure: onError },
      );
      if (!worker.post(note)) inline.write(note);
    },
    close() {
      worker?.stop();
    },
  };
}

/** Every note the file sink kept, oldest first (latest included even if the log is gone). */
export function readCheckpointFiles(dir: string): string[] {
  const notes: string[] = [];
  const log = path.join(dir, CHECKPOINT_LOG);
  if (existsSync(log)) notes.push(...splitNotes(readFileSync(log, 'utf8')));
  const latest = path.join(dir, CHECKPOINT_LATEST);
  if (existsSync(latest)) notes.push(readFileSync(latest, 'utf8'));
  return notes;
}

/**
 * The log holds notes separated by one blank line. Inside a note the blank line is followed
 * by a signature line (em dash), which is how the two are told apart.
 */
export function splitNotes(log: string): string[] {
  const pieces = log.split(/\n\n(?!\u2014 )/);
  const notes: string[] = [];
  pieces.forEach((piece, index) => {
    if (piece === '') return;
    notes.push(index < pieces.length - 1 ? `${piece}\n` : piece);
  });
  return notes;
}
