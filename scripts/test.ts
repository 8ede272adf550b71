// `npm test`: build the bundles the browser and Electron tests load, run vitest and
// Playwright, then print one closing line with the totals of both runners.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(root, '.cache');
mkdirSync(cache, { recursive: true });
const vitestReport = join(cache, 'vitest.json');
const playwrightReport = join(cache, 'playwright.json');
rmSync(vitestReport, { force: true });
rmSync(playwrightReport, { force: true });

const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const step = (label: string, command: string, args: string[]): number => {
  process.stdout.write(`\n=== ${label}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  return result.status ?? 1;
};

const failures: string[] = [];
if (step('build', bin('electron-vite'), ['build']) !== 0) {
  process.stderr.write('build failed: the browser and Electron tests need the bundles\n');
  process.exit(1);
}
if (step('vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${vitestReport}`]) !== 0) {
  failures.push('vitest');
}
if (step('playwright', bin('playwright'), ['test']) !== 0) failures.push('playwright');

interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}
const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
if (existsSync(vitestReport)) {
  const v = JSON.parse(readFileSync(vitestReport, 'utf8')) as Record<string, number>;
  totals.passed += v.numPassedTests ?? 0;
  totals.failed += v.numFailedTests ?? 0;
  totals.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
}
if (existsSync(playwrightReport)) {
  const p = JSON.parse(readFileSync(playwrightReport, 'utf8')) as { stats: Record<string, number> };
  totals.passed += (p.stats.expected ?? 0) + (p.stats.flaky ?? 0);
  totals.failed += p.stats.unexpected ?? 0;
  totals.skipped += p.stats.skipped ?? 0;
}
// A runner that failed without reporting (it crashed) must not look like a pass.
if (failures.length > 0 && totals.failed === 0) totals.failed = failures.length;

process.stdout.write(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(failures.length > 0 ? 1 : 0);
