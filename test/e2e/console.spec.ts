import { existsSync } from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';
import { CHROMIUM_PATH } from '../../playwright.config';
import { startServeProcess, type ServeProcess } from '../support/serve-process';

// CI installs Debian Chromium, so there a missing browser is a failure, not a skip.
const chromiumMissing = !existsSync(CHROMIUM_PATH) && !process.env.CI;
const SKIP_REASON = `skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`;
if (chromiumMissing) console.warn(SKIP_REASON);

/** Each test gets its own `portcullis serve` (built CLI, fresh data directory), stopped after it. */
const test = base.extend<{ service: ServeProcess }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
  service: async ({}, use) => {
    const service = await startServeProcess({ entry: 'built' });
    await use(service);
    await service.stop();
  },
});

test.skip(chromiumMissing, SKIP_REASON);

test.describe('web console served by the headless service', () => {
  test('shows the engine status from a real getInfo round trip', async ({ page, service }, testInfo) => {
    const rpcCalls: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/operator/rpc/')) rpcCalls.push(request.url());
    });
    await page.goto(service.consoleUrl);
    await expect(page.getByTestId('status-indicator')).toHaveAttribute('data-state', 'connected');
    await expect(page.getByTestId('engine-status')).toHaveText('ready');
    await expect(page.getByTestId('info-datadir')).toHaveText(service.dataDir);
    await expect(page.getByTestId('info-version')).toHaveText(/^\d+\.\d+\.\d+/);
    expect(rpcCalls.some((url) => url.endsWith('/operator/rpc/getInfo'))).toBe(true);
    // The token leaves the address bar at once, so it is not left in history or screenshots.
    expect(page.url()).not.toContain('token=');
    for (const label of ['Approvals', 'Decisions', 'Policies', 'Agents', 'Audit', 'Reports', 'Settings']) {
      await expect(page.getByRole('button', { name: label })).toBeVisible();
    }
    await page.screenshot({ path: testInfo.outputPath('console-status.png'), fullPage: true });
    await testInfo.attach('console-status', { path: testInfo.outputPath('console-status.png'), contentType: 'image/png' });
  });

  test('asks for the operator token when none is given and rejects a wrong one', async ({ page, service }) => {
    await page.goto(service.url);
    await expect(page.getByTestId('status-indicator')).toHaveAttribute('data-state', 'needs-token');
    await page.getByLabel('Operator token').fill('pco_wrong-token-wrong-token-wrong-token-wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('not accepted');
    const token = new URL(service.consoleUrl).hash.replace('#token=', '');
    await page.getByLabel('Operator token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('status-indicator')).toHaveAttribute('data-state', 'connected');
  });

  test('the console runs under a strict CSP with no external requests', async ({ page, service }) => {
    const external: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(service.url)) external.push(request.url());
    });
    const response = await page.goto(service.consoleUrl);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect(page.getByTestId('status-indicator')).toHaveAttribute('data-state', 'connected');
    expect(external).toEqual([]);
  });
});

test.describe('agents section', () => {
  test('registers an agent, shows its key once, and revokes it', async ({ page, service }, testInfo) => {
    await page.goto(service.consoleUrl);
    await page.getByRole('button', { name: 'Agents' }).click();
    await expect(page.getByTestId('agents-table')).toContainText('No agents registered.');
    await page.getByLabel('Name').fill('support-bot');
    await page.getByLabel('Role').fill('support');
    await page.getByLabel('Operating window').fill('Mon-Fri 08:00-18:00 Europe/Berlin');
    await page.getByRole('button', { name: 'Register' }).click();
    const key = page.getByTestId('new-agent-key');
    await expect(key).toContainText(/pca_[0-9a-f]{8}_/);
    await expect(page.getByTestId('agents-table')).toContainText('support-bot');
    await page.screenshot({ path: testInfo.outputPath('agents.png'), fullPage: true });
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await expect(key).toHaveCount(0);

    await page.getByLabel('Name').fill('support-bot');
    await page.getByLabel('Role').fill('support');
    await page.getByRole('button', { name: 'Register' }).click();
    await expect(page.getByRole('alert')).toContainText("active agent named 'support-bot' exists");

    page.once('dialog', (dialog) => void dialog.accept('rotation'));
    await page.getByRole('button', { name: 'Revoke' }).click();
    await expect(page.getByTestId('agents-table')).toContainText('No agents registered.');
    await page.getByLabel('Show revoked').check();
    await expect(page.getByTestId('agents-table')).toContainText('revoked');
  });
});

test.describe('approvals section', () => {
  test('an operator approves a paused action and the waiting agent gets allow', async ({ page, service }, testInfo) => {
    await page.goto(service.consoleUrl);
    await page.getByRole('button', { name: 'Agents' }).click();
    await page.getByLabel('Name').fill('cleanup-bot');
    await page.getByLabel('Role').fill('ops');
    await page.getByRole('button', { name: 'Register' }).click();
    const key = /pca_[0-9a-f]{8}_[A-Za-z0-9_-]{43}/.exec((await page.getByTestId('new-agent-key').textContent()) ?? '')?.[0];
    expect(key).toBeDefined();

    const answer = fetch(`${service.url}/v1/evaluate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        action: { type: 'db_write', tool: 'sql.execute', verb: 'delete', target: { resource: 'customers', environment: 'production' }, payload: { count: 25000, owner: 'jane.roe@acme-corp.com' } },
        wait_ms: 30_000,
      }),
    }).then((r) => r.json() as Promise<{ decision: string; status: string }>);

    await page.getByRole('button', { name: 'Approvals' }).click();
    const detail = page.getByTestId('review-detail');
    await expect(detail).toContainText('cleanup-bot');
    await expect(detail).toContainText('bulk-delete');
    await expect(page.getByTestId('payload')).toContainText('EMAIL');
    await page.screenshot({ path: testInfo.outputPath('approvals.png'), fullPage: true });
    page.once('dialog', (dialog) => void dialog.accept('planned cleanup'));
    await page.keyboard.press('a');
    expect(await answer).toMatchObject({ decision: 'allow', status: 'approved' });
    await expect(page.getByTestId('approvals-empty')).toBeVisible();
    await page.getByRole('button', { name: 'Decisions' }).click();
    await expect(page.getByTestId('decisions-table')).toContainText('allow (approved)');
    await page.getByTestId('decisions-table').getByText('cleanup-bot').click();
    await expect(page.getByTestId('review-detail')).toContainText('bulk_delete_production');
  });
});

test.describe('payload erasure (GDPR Art. 17)', () => {
  /** Registers an agent through the console and returns its key. */
  const registerAgent = async (page: Page, name: string, role: string) => {
    await page.getByRole('button', { name: 'Agents' }).click();
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Role').fill(role);
    await page.getByRole('button', { name: 'Register' }).click();
    const key = /pca_[0-9a-f]{8}_[A-Za-z0-9_-]{43}/.exec((await page.getByTestId('new-agent-key').textContent()) ?? '')?.[0];
    expect(key).toBeDefined();
    return key as string;
  };
  const evaluate = (service: ServeProcess, key: string, action: Record<string, unknown>) =>
    fetch(`${service.url}/v1/evaluate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action }),
    }).then((r) => r.json() as Promise<{ decision_id: string; decision: string; status: string }>);

  test('an operator erases a decision\'s payload with a reason and a confirmation, and sees it erased', async ({ page, service }, testInfo) => {
    await page.goto(service.consoleUrl);
    const key = await registerAgent(page, 'crm-bot', 'support');
    const marker = 'erase-me@subject.example';
    const answer = await evaluate(service, key, { type: 'tool_call', tool: 'crm.lookup', verb: 'read', payload: { customer: { email: marker } } });

    await page.getByRole('button', { name: 'Decisions' }).click();
    await page.getByTestId('decisions-table').getByText('crm-bot').click();
    const detail = page.getByTestId('review-detail');
    await expect(page.getByTestId('payload')).toContainText(marker);
    await detail.getByRole('button', { name: 'Erase payload (GDPR Art. 17)' }).click();
    const reason = detail.getByLabel('Reason (recorded in the audit log)');
    await expect(reason).toBeFocused();
    const erase = detail.getByRole('button', { name: 'Erase for good' });
    // Neither the reason alone nor the confirmation alone is enough.
    await expect(erase).toBeDisabled();
    await reason.fill('erasure request 2026-117');
    await expect(erase).toBeDisabled();
    await detail.getByLabel('I understand the payload cannot be recovered').check();
    await expect(erase).toBeEnabled();
    await page.screenshot({ path: testInfo.outputPath('erase-confirm.png'), fullPage: true });
    await erase.click();

    await expect(page.getByTestId('erasure-note')).toContainText(/Payload erased: audit entry \d+ records who erased it and why/);
    await expect(detail).toContainText('The payload was erased (GDPR Art. 17); the decision record remains.');
    await expect(page.getByTestId('payload')).toHaveCount(0);
    await expect(detail.getByRole('button', { name: 'Erase payload (GDPR Art. 17)' })).toHaveCount(0);
    await expect(detail).not.toContainText(marker);

    // The decision is still there for the agent; the chain verifies with the content counted as erased.
    const agentView = await fetch(`${service.url}/v1/decisions/${answer.decision_id}`, { headers: { authorization: `Bearer ${key}` } });
    expect(agentView.status).toBe(200);
    await page.getByRole('button', { name: 'Audit' }).click();
    await page.getByRole('button', { name: 'Verify now' }).click();
    await expect(page.getByTestId('verify-result')).toContainText(/^ok: \d+ entries/);
    await expect(page.getByTestId('verify-result')).toContainText('1 content item(s) erased on request');
  });

  test('a pending review\'s payload is erased from the approvals queue with the keyboard alone; cancelling erases nothing', async ({ page, service }) => {
    await page.goto(service.consoleUrl);
    const key = await registerAgent(page, 'cleanup-bot', 'ops');
    const review = await evaluate(service, key, {
      type: 'db_write',
      tool: 'sql.execute',
      verb: 'delete',
      target: { resource: 'customers', environment: 'production' },
      payload: { count: 25000, owner: 'jane.roe@acme-corp.com' },
    });
    expect(review).toMatchObject({ decision: 'review', status: 'pending' });

    await page.getByRole('button', { name: 'Approvals' }).click();
    const detail = page.getByTestId('review-detail');
    await expect(page.getByTestId('payload')).toContainText('jane.roe@acme-corp.com');
    const opener = detail.getByRole('button', { name: 'Erase payload (GDPR Art. 17)' });

    // Escape closes the form, focus goes back to its button, nothing is erased.
    await opener.focus();
    await page.keyboard.press('Enter');
    await expect(opener).toHaveAttribute('aria-expanded', 'true');
    await expect(detail.getByText('whoever decides it will no longer see the payload')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(opener).toHaveAttribute('aria-expanded', 'false');
    await expect(opener).toBeFocused();
    await expect(page.getByTestId('payload')).toContainText('jane.roe@acme-corp.com');

    await page.keyboard.press('Enter');
    // Typed into the reason, "a" and "r" are text, not the approve/reject shortcuts (which would prompt).
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.keyboard.type('data subject request, art. 17');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await expect(detail.getByRole('button', { name: 'Erase for good' })).toBeFocused();
    await page.keyboard.press('Enter');

    await expect(page.getByTestId('erasure-note')).toBeVisible();
    await expect(detail).toContainText('The payload was erased (GDPR Art. 17)');
    // Still waiting for a verdict, now without its payload.
    await expect(detail).toContainText('review · pending');
    await expect(page.getByTestId('approval-queue')).toContainText('cleanup-bot');
    expect(dialogs).toEqual([]);
  });
});

test.describe('policies section', () => {
  test('lists the starter library, refuses Rego that does not compile, publishes a module', async ({ page, service }) => {
    await page.goto(service.consoleUrl);
    await page.getByRole('button', { name: 'Policies' }).click();
    const table = page.getByTestId('policies-table');
    await expect(table).toContainText('Credentials never leave to external hosts');
    await expect(table).toContainText('guardrail');
    await page.getByLabel('Id').fill('no-shell');
    await page.getByLabel('Name').fill('No shell for support');
    await page.getByLabel('Scope').selectOption('role');
    await page.getByLabel('Applies to').fill('support');
    await page.getByLabel('Rego source').fill('package acme.no_shell\n\ndeny contains x if {\n');
    await page.getByRole('button', { name: 'Compile and publish' }).click();
    await expect(page.getByRole('alert')).toContainText('no-shell.rego:');
    await page
      .getByLabel('Rego source')
      .fill('package acme.no_shell\n\nimport rego.v1\n\ndeny contains {"rule": "no_shell", "reason": "no shell"} if input.action.type == "shell"\n');
    await page.getByRole('button', { name: 'Compile and publish' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Published' })).toContainText('Published no-shell version 1');
    await expect(table).toContainText('role: support');
  });
});

test.describe('settings section', () => {
  test('applies a valid patch and refuses an invalid one with the reason', async ({ page, service }) => {
    await page.goto(service.consoleUrl);
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByTestId('risk-settings')).toContainText('"review_at": 60');
    const patch = page.getByLabel(/Change \(JSON Merge Patch/);
    await patch.fill('{"thresholds": {"review_at": 99}}');
    await page.getByRole('button', { name: 'Validate and apply' }).click();
    await expect(page.getByRole('alert')).toContainText('must not exceed block_at');
    await patch.fill('{"thresholds": {"review_at": 55}}');
    await page.getByRole('button', { name: 'Validate and apply' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Applied' })).toBeVisible();
    await expect(page.getByTestId('risk-settings')).toContainText('"review_at": 55');
  });
});

test.describe('audit section', () => {
  test('verifies the chain and exports evidence', async ({ page, service }) => {
    await page.goto(service.consoleUrl);
    await page.getByRole('button', { name: 'Audit' }).click();
    await page.getByRole('button', { name: 'Verify now' }).click();
    await expect(page.getByTestId('verify-result')).toContainText(/^ok: \d+ entries/);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export JSON' }).click();
    expect((await download).suggestedFilename()).toMatch(/^portcullis-audit-\d{4}-\d{2}-\d{2}\.json$/);
  });
});
