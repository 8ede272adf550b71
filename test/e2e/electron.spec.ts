import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary, missingDisplay } from '../../scripts/electron-binary';
import { OPERATOR_METHODS } from '../../src-shared/operator-methods';
import { ROOT } from '../support/serve-process';

const binary = findElectronBinary(ROOT);
const noDisplay = missingDisplay();
const skipReason =
  'missing' in binary ? `skipped: no Electron binary (${binary.missing})` : noDisplay ? `skipped: ${noDisplay}` : undefined;
if (skipReason) console.warn(skipReason);

test.describe('desktop app', () => {
  test.skip(skipReason !== undefined, skipReason ?? '');

  test('reads the engine status through IPC in a sandboxed window', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'portcullis-electron-'));
    const app = await electron.launch({
      executablePath: (binary as { path: string }).path,
      args: [ROOT],
      env: { ...process.env, PORTCULLIS_DATA: dataDir, PORTCULLIS_PORT: '0' },
    });
    try {
      const window = await app.firstWindow();
      await expect(window.getByTestId('status-indicator')).toHaveAttribute('data-state', 'connected');
      await expect(window.getByTestId('status-indicator')).toContainText('desktop');
      await expect(window.getByTestId('info-datadir')).toHaveText(dataDir);
      const exposure = await window.evaluate(() => ({
        bridge: Object.keys((window as unknown as { portcullis: object }).portcullis),
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
      }));
      // Exactly the operator contract's methods, nothing of Node.
      expect(exposure).toEqual({ bridge: [...OPERATOR_METHODS], require: 'undefined', process: 'undefined' });
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
