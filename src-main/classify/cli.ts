import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { UsageError, type Command } from '../cli/command';
import { classifyText } from './index';

const InputLine = z.object({ id: z.union([z.string(), z.number()]), text: z.string() });

/** Reason a JSONL line cannot be classified, or the parsed line. */
function parseLine(line: string): { ok: true; id: string | number; text: string } | { ok: false; reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (e) {
    return { ok: false, reason: `invalid JSON (${(e as Error).message})` };
  }
  const parsed = InputLine.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'expected an object {"id": string|number, "text": string}' };
  return { ok: true, ...parsed.data };
}

const classifyJsonl: Command = {
  name: 'classify',
  summary: 'classify texts from a JSONL file and print the finding spans of each',
  usage: [
    'Usage: portcullis classify --jsonl FILE',
    '',
    'Reads FILE, one JSON object per line: {"id": ..., "text": "..."}.',
    'Prints one line per input: {"id": ..., "spans": [{"type","start","end","confidence"}]}.',
    'Offsets are UTF-16 code units into "text", end exclusive. A "text" holding a JSON object',
    'or array is classified field by field, with offsets into the raw JSON text.',
    'Bad lines are reported on stderr with their line number; the other lines are still',
    'classified, and the exit code is 1.',
  ].join('\n'),
  options: { jsonl: { type: 'string' } },
  async run({ values }, io) {
    const file = values.jsonl;
    if (typeof file !== 'string' || file === '') throw new UsageError('classify needs --jsonl FILE');
    let content: string;
    try {
      content = await readFile(file, 'utf8');
    } catch (e) {
      io.stderr(`classify: cannot read ${file}: ${(e as Error).message}\n`);
      return 1;
    }
    let bad = 0;
    content.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      const parsed = parseLine(line);
      if (!parsed.ok) {
        bad++;
        io.stderr(`classify: ${file}:${i + 1}: ${parsed.reason}\n`);
        return;
      }
      const spans = classifyText(parsed.text).map(({ type, start, end, confidence }) => ({ type, start, end, confidence }));
      io.stdout(JSON.stringify({ id: parsed.id, spans }) + '\n');
    });
    return bad > 0 ? 1 : 0;
  },
};

export const classifyCommands: Command[] = [classifyJsonl];
