import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src-main/cli/command';
import { classifyCommands } from '../../src-main/classify/cli';

function collectingIo(): { io: { stdout(t: string): void; stderr(t: string): void }; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t) }, out, err };
}

const command = classifyCommands.find((c) => c.name === 'classify');
if (!command) throw new Error('classify command missing');

function fileWith(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'classify-cli-')), 'in.jsonl');
  writeFileSync(file, content);
  return file;
}

describe('classify --jsonl', () => {
  it('prints one line of spans per input line', async () => {
    const file = fileWith('{"id":"a","text":"mail bob@acme-corp.com"}\n\n{"id":7,"text":"nothing here"}\n');
    const { io, out, err } = collectingIo();
    expect(await command.run({ values: { jsonl: file }, positionals: [] }, io)).toBe(0);
    expect(err).toEqual([]);
    expect(out.map((l) => JSON.parse(l) as unknown)).toEqual([
      { id: 'a', spans: [{ type: 'EMAIL', start: 5, end: 22, confidence: 0.95 }] },
      { id: 7, spans: [] },
    ]);
  });

  it('reports bad lines by number on stderr, keeps the good lines and exits 1', async () => {
    const file = fileWith('not json\n{"id":"b","text":"card 4111 1111 1111 1111"}\n{"id":"c"}\n');
    const { io, out, err } = collectingIo();
    expect(await command.run({ values: { jsonl: file }, positionals: [] }, io)).toBe(1);
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0] as string)).toMatchObject({ id: 'b', spans: [{ type: 'CREDIT_CARD' }] });
    expect(err).toHaveLength(2);
    expect(err[0]).toMatch(/:1: invalid JSON/);
    expect(err[1]).toMatch(/:3: expected an object/);
  });

  it('fails cleanly on a missing file and needs --jsonl', async () => {
    const { io, err } = collectingIo();
    expect(await command.run({ values: { jsonl: '/nonexistent/in.jsonl' }, positionals: [] }, io)).toBe(1);
    expect(err.join('')).toMatch(/cannot read \/nonexistent\/in\.jsonl/);
    await expect(command.run({ values: {}, positionals: [] }, io)).rejects.toBeInstanceOf(UsageError);
  });
});
