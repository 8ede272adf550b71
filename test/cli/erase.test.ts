import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluateResponse } from '../../src-shared/agent-api';
import { createHttpOperatorApi } from '../../src-shared/operator-http-client';
import { commands } from '../../src-main/cli/commands';
import { runCli } from '../../src-main/cli/run';
import { agentCall } from '../support/agent-client';
import { collectIo } from '../support/collect-io';
import { ROOT, startServeProcess, type ServeProcess } from '../support/serve-process';

/** The real CLI in its own process, as a user runs it. */
const runSource = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src-main/cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  });

const cli = async (args: string[]) => {
  const io = collectIo();
  const code = await runCli(args, io, commands);
  return { code, out: io.out, err: io.err };
};

const MARKER = 'cli-erase-me-93b1@subject.example';

let root: string;
let dataDir: string;
let service: ServeProcess | undefined;
let withPayload: string;
let withoutPayload: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'portcullis-erase-cli-'));
  dataDir = join(root, 'data');
  service = await startServeProcess({ entry: 'source', dataDir });
  const token = readFileSync(join(dataDir, 'operator-token'), 'utf8').trim();
  const api = createHttpOperatorApi({ baseUrl: service.url, token });
  const { key } = await api.addAgent({ name: 'crm-bot', role: 'support' });
  const evaluate = async (payload?: unknown) => {
    const action = { type: 'tool_call', tool: 'crm.lookup', verb: 'read', ...(payload === undefined ? {} : { payload }) };
    return ((await agentCall(service!.url, key, '/v1/evaluate', { action })).json() as EvaluateResponse).decision_id;
  };
  withPayload = await evaluate({ customer: { email: MARKER } });
  withoutPayload = await evaluate();
}, 60_000);

afterAll(async () => {
  await service?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('portcullis erase', () => {
  it('while a service holds the data directory, says to erase through the console or the operator API', () => {
    const running = service!;
    const result = runSource(['erase', '--data', dataDir, '--decision', withPayload, '--reason', 'request 17']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      `portcullis: data directory ${dataDir} is in use by a running Portcullis process (pid ${running.child.pid}): ` +
        'erase through it instead, in the console (the decision\'s "Erase payload (GDPR Art. 17)" control) ' +
        'or with the operator API (POST /operator/rpc/erasePayload)',
    ]);
  });

  it('erases the payload and prints the erasure seq; verify then reports it erased', async () => {
    expect(await service!.stop()).toBe(0);
    service = undefined;
    const result = runSource(['erase', '--data', dataDir, '--decision', withPayload, '--reason', 'erasure request 2026-117']);
    expect(result.stderr).toMatch(new RegExp(`^payload of decision ${withPayload} erased: erasure entry at seq \\d+ `));
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\d+\n$/);
    const seq = Number(result.stdout);

    const db = new Database(join(dataDir, 'portcullis.db'), { readonly: true });
    try {
      const entry = db.prepare('SELECT kind, body FROM audit_entries WHERE seq = ?').get(seq) as { kind: string; body: string };
      expect(entry.kind).toBe('erasure');
      expect(JSON.parse(entry.body).reason).toBe(`by cli:${userInfo().username} for decision ${withPayload}: erasure request 2026-117`);
    } finally {
      db.close();
    }
    for (const file of ['portcullis.db', 'portcullis.db-wal'].map((f) => join(dataDir, f)).filter((f) => existsSync(f))) {
      expect(readFileSync(file).includes(MARKER), `${file} still holds the payload`).toBe(false);
    }

    const verify = await cli(['verify', '--data', dataDir]);
    expect(verify.code).toBe(0);
    expect(verify.out[0]).toMatch(/^ok: \d+ entries/);
    expect(verify.out.join('\n')).toContain('1 content item(s) erased on request');
  }, 60_000);

  it('already erased, no payload and no such decision are one line each and exit 1', async () => {
    expect(await cli(['erase', '--data', dataDir, '--decision', withPayload, '--reason', 'again'])).toEqual({
      code: 1,
      out: [],
      err: [`portcullis: the payload of decision ${withPayload} is already erased`],
    });
    expect(await cli(['erase', '--data', dataDir, '--decision', withoutPayload, '--reason', 'x'])).toEqual({
      code: 1,
      out: [],
      err: [`portcullis: decision ${withoutPayload} has no payload to erase`],
    });
    const unknown = randomUUID();
    expect(await cli(['erase', '--data', dataDir, '--decision', unknown, '--reason', 'x'])).toEqual({
      code: 1,
      out: [],
      err: [`portcullis: no decision ${unknown}`],
    });
  });

  it.each([
    ['no --decision', ['--reason', 'x'], '--decision is required'],
    ['a --decision that is not a UUID', ['--decision', 'abc', '--reason', 'x'], '--decision must be a decision id (a UUID), got "abc"'],
    ['no --reason', ['--decision', randomUUID()], '--reason is required: it is recorded in the audit log'],
    ['an empty --reason', ['--decision', randomUUID(), '--reason='], '--reason: a reason is required (it is recorded in the audit log)'],
    ['a blank --reason', ['--decision', randomUUID(), '--reason', '   '], '--reason: a reason is required (it is recorded in the audit log)'],
    ['a --reason over 500 characters', ['--decision', randomUUID(), '--reason', 'x'.repeat(501)], '--reason: the reason must be at most 500 characters'],
    ['an unknown flag', ['--decision', randomUUID(), '--reason', 'x', '--force'], "Unknown option '--force'"],
  ])('%s is a usage error: one line, exit 2', async (_, args, message) => {
    const result = await cli(['erase', '--data', dataDir, ...args]);
    expect(result.code).toBe(2);
    expect(result.out).toEqual([]);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).toMatch(/^portcullis erase: /);
    expect(result.err[0]).toContain(message);
    expect(result.err[0]).toMatch(/\(see portcullis erase --help\)$/);
  });

  it('a data directory without Portcullis data is a usage error, and is not created', async () => {
    const missing = join(root, 'no-such-dir');
    const result = await cli(['erase', '--data', missing, '--decision', randomUUID(), '--reason', 'x']);
    expect(result.code).toBe(2);
    expect(result.err).toEqual([
      `portcullis erase: no Portcullis data in ${missing} (expected ${join(missing, 'portcullis.db')}) (see portcullis erase --help)`,
    ]);
    expect(existsSync(missing)).toBe(false);
  });

  it('--help explains the command, and portcullis --help lists it', async () => {
    const help = await cli(['erase', '--help']);
    expect(help.code).toBe(0);
    expect(help.out.join('\n')).toMatch(/^Usage: portcullis erase --data DIR --decision ID --reason TEXT/);
    expect(help.out.join('\n')).toContain('erasePayload');
    const general = await cli(['--help']);
    expect(general.out.join('\n')).toMatch(/^ {2}erase +erase a decision's payload from the audit log \(GDPR Art\. 17\)$/m);
  });
});
