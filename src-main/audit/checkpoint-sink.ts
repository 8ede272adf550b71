import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { appendFileDurable, writeFileAtomic } from './files';

/** Where signed checkpoints are copied outside the database (file, later SIEM, witness…). */
export interface CheckpointSink {
  write(note: string): void;
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
