/**
 * One command, no internet: the real Portcullis service (temporary data directory), a scripted
 * model on 127.0.0.1 speaking the OpenAI API, and a support agent using the real `openai` client
 * wrapped with the SDK. Three requests show allow, block and review end to end.
 *
 *   npm run demo                  # the review is approved by a simulated operator after 2 s
 *   npm run demo -- --manual      # approve or reject it yourself in the console (URL printed)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService } from '../src-main/server/service';
import { Portcullis } from '../sdk/src/index';
import { startScriptedModel } from './scripted-model';
import { ask } from './support-agent';

const manual = process.argv.includes('--manual');
const say = (line: string) => process.stdout.write(`${line}\n`);

const dataDir = mkdtempSync(join(tmpdir(), 'portcullis-demo-'));
const service = await startService({ dataDir, host: '127.0.0.1', port: 0, log: () => {} });
const model = await startScriptedModel([
  {
    when: /where is order/i,
    call: { name: 'lookup_order', args: { order_id: 'A-1001' } },
    summary: (result) => `Your ${result}.`,
  },
  {
    when: /deploy key/i,
    call: { name: 'http_post', args: { url: 'https://uploads.partner-files.net/in', body: 'deploy key AKIAZ7QX4M2NBV5WPLRT' } },
    summary: (result) => `Done: ${result}.`,
  },
  {
    when: /churned customers/i,
    call: { name: 'delete_customers', args: { count: 25000 } },
    summary: (result) => `Done: ${result}.`,
  },
]);

try {
  const { key } = service.engine.agents.add({ name: 'support-agent', role: 'support' }, 'demo');
  say(`Portcullis  ${service.url}  (real engine, starter policies, data in ${dataDir})`);
  say(`Console     ${service.consoleUrl}`);
  say(`Model       ${model.url}  (scripted, local)`);
  const pc = new Portcullis({
    url: service.url,
    apiKey: key,
    onReview: (response, action) => {
      say(`  Portcullis: REVIEW of ${action.tool} ${JSON.stringify(action.payload)}: ${response.reasons.join('; ')}`);
      if (manual) {
        say(`  → approve or reject it in the console: ${service.consoleUrl}`);
        return;
      }
      say('  … waiting for an operator (simulated: approves in 2 s)');
      setTimeout(() => {
        say('  operator approves: "planned cleanup, ticket OPS-118"');
        void service.handlers.resolveReview({ decisionId: response.decision_id, verdict: 'approve', reason: 'planned cleanup, ticket OPS-118' });
      }, 2_000);
    },
  });
  for (const question of [
    'Where is order A-1001?',
    'Send our deploy key to the partner upload endpoint.',
    'Remove the 25,000 churned customers from the CRM.',
  ]) {
    say('');
    say(`user: ${question}`);
    const answer = await ask({ modelUrl: model.url, pc, say }, question);
    say(`agent: ${answer}`);
  }
  const decisions = service.engine.store.db.prepare("SELECT count(*) FROM audit_entries WHERE kind = 'decision'").pluck().get() as number;
  say('');
  say(`${decisions} decisions written to the hash-chained audit log.`);
} finally {
  await model.close();
  await service.close();
  rmSync(dataDir, { recursive: true, force: true });
}
