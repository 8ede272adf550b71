import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/** The README's quick start: `npm run demo` shows allow, block and review end to end. */
const ROOT = resolve(import.meta.dirname, '../..');

describe('examples/demo.ts', () => {
  it('runs allow, block and review against the real service and a local scripted model', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'examples/demo.ts'], { cwd: ROOT, timeout: 60_000 });
    expect(stdout).toMatch(/model proposed lookup_order .* → Portcullis: allow \(decided/);
    expect(stdout).toMatch(/tool lookup_order → order A-1001/);
    expect(stdout).toMatch(/model proposed http_post .* → Portcullis: BLOCK \(decided/);
    expect(stdout).not.toMatch(/tool http_post/);
    expect(stdout).toMatch(/agent: \[Portcullis blocked the tool call http_post: credentials_to_external_host/);
    expect(stdout).toMatch(/Portcullis: REVIEW of delete_customers .*bulk_delete_production/);
    expect(stdout).toMatch(/model proposed delete_customers .* → Portcullis: allow \(approved/);
    expect(stdout).toMatch(/tool delete_customers → deleted 25000/);
    expect(stdout).toMatch(/3 decisions written to the hash-chained audit log/);
  }, 90_000);
});
