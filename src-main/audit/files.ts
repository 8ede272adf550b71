import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';

/** Write to a sibling temp file, fsync, rename: readers see the old or the new file, whole. */
export function writeFileAtomic(file: string, content: string, mode = 0o644): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = openSync(temp, 'w', mode);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}

/** Append and fsync, so an acknowledged line survives a crash. */
export function appendFileDurable(file: string, content: string): void {
  const fd = openSync(file, 'a', 0o644);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
