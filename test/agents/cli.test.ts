import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../src-main/cli/commands';
import { runCli } from '../../src-main/cli/run';
import { openEngine } from '../../src-main/engine/engine';
import { collectIo } from '../support/collect-io';

let data: string;
beforeEach(() => {
  data = mkdtempSync(join(tmpdir(), 'portcullis-agent-cli-'));
});
afterEach(() => rmSync(data, { recursive: true, force: true }));

const cli = async (...args: string[]) => {
  const io = collectIo();
  const code = await runCli([...args, '--data', data], io, commands);
  return { code, ...io };
};

describe('portcullis agent', () => {
  it('add prints the key alone on stdout; the key authenticates; list shows only its prefix', async () => {
    const added = await cli('agent', 'add', '--name', 'billing', '--role', 'finance', '--tag', 'pci', '--tag', 'eu', '--window', 'Mon-Fri 08:00-18:00 Europe/Berlin');
    expect(added.code).toBe(0);
    expect(added.out).toHaveLength(1);
    const key = added.out[0] as string;
    expect(key).toMatch(/^pca_[0-9a-f]{8}_/);
    expect(added.err[0]).toContain('shown once');

    const engine = openEngine({ dataDir: data });
    try {
      expect(engine.agents.authenticate(key)).toMatchObject({ name: 'billing', role: 'finance', tags: ['pci', 'eu'] });
    } finally {
      engine.close();
    }

    const listed = await cli('agent', 'list', '--json');
    expect(listed.code).toBe(0);
    expect(listed.out.join('\n')).not.toContain(key);
    expect(JSON.parse(listed.out.join('\n'))).toEqual([expect.objectContaining({ name: 'billing', keyPrefix: key.slice(0, 12) })]);
  });

  it('revoke stops the key and is recorded in the audit log', async () => {
    const key = (await cli('agent', 'add', '--name', 'a', '--role', 'r')).out[0] as string;
    const revoked = await cli('agent', 'revoke', 'a', '--reason', 'rotated');
    expect(revoked.code).toBe(0);
    const engine = openEngine({ dataDir: data });
    try {
      expect(engine.agents.authenticate(key)).toBeUndefined();
      const bodies = engine.store.db
        .prepare("SELECT body FROM audit_entries WHERE kind = 'agent_change' ORDER BY seq")
        .pluck()
        .all()
        .map((b) => JSON.parse(b as string));
      expect(bodies.map((b) => [b.action, b.agent.name, b.reason])).toEqual([
        ['add', 'a', undefined],
        ['revoke', 'a', 'rotated'],
      ]);
      expect(JSON.stringify(bodies)).not.toContain(key);
    } finally {
      engine.close();
    }
    expect((await cli('agent', 'list')).out.join('\n')).toBe('no agents registered');
    expect((await cli('agent', 'list', '--all')).out.join('\n')).toContain('revoked');
  });

  it('bad input is a one-line error and a non-zero exit', async () => {
    expect(await cli('agent', 'add', '--name', 'x')).toMatchObject({ code: 2, err: [expect.stringContaining('--name and --role are required')] });
    expect(await cli('agent', 'add', '--name', 'x', '--role', 'r', '--environment', 'prod')).toMatchObject({
      code: 1,
      err: [expect.stringContaining('environment')],
    });
    expect(await cli('agent', 'add', '--name', 'x', '--role', 'r', '--window', 'Mon 25:00-26:00')).toMatchObject({ code: 1 });
    expect(await cli('agent', 'revoke', 'ghost')).toMatchObject({ code: 1, err: ["portcullis: no active agent with id or name 'ghost'"] });
    expect(await cli('agent', 'revoke')).toMatchObject({ code: 2 });
    expect(await cli('agent', 'rename', 'x')).toMatchObject({ code: 2, err: [expect.stringContaining('try one of: agent add, agent list, agent revoke')] });
  });
});
