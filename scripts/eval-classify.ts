/**
 * Evaluates the payload classifier on the labelled fixtures in test/classify/fixtures.
 *   npx tsx scripts/eval-classify.ts [--split NAME|all] [--errors] [--record]
 * Prints precision/recall/F1 per type and per category (micro) and the payload-level
 * false-positive rate on benign look-alikes. `--errors` lists mismatches (a new corpus is
 * scored once without it, sealed, before anyone tunes against it). `--record` writes the per-category F1
 * and benign rate of every split to test/classify/baseline.json, which the eval test enforces.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { classifyText } from '../src-main/classify/index';
import { BASELINE_FILE, baselineOf, evaluateSplit, SPLITS, type EvalReport, type Scores, type Split } from '../test/classify/fixtures/evaluate';

const { values } = parseArgs({ options: {
    split: { type: 'string', default: 'all' },
    errors: { type: 'boolean', default: false },
    record: { type: 'boolean', default: false },
  }, });
const splits: Split[] = values.split === 'all' ? (Object.keys(SPLITS) as Split[]) : [values.split as Split];
if (!splits.every((s) => s in SPLITS)) {
  process.stderr.write(`unknown split ${values.split}; use one of ${Object.keys(SPLITS).join(', ')} or all\n`);
  process.exit(2);
}

const pct = (x: number): string => (x * 100).toFixed(1).padStart(6);
const row = (name: string, s: Scores): string =>
  `${name.padEnd(20)} ${String(s.tp).padStart(5)} ${String(s.fp).padStart(5)} ${String(s.fn).padStart(5)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)}`;
const header = `${'type'.padEnd(20)} ${'tp'.padStart(5)} ${'fp'.padStart(5)} ${'fn'.padStart(5)} ${'P%'.padStart(6)} ${'R%'.padStart(6)} ${'F1%'.padStart(6)}`;

function print(split: Split, r: EvalReport): void {
  console.log(`\n== split: ${split} ==`);
  console.log(header);
  for (const [type, s] of Object.entries(r.perType)) if (s.tp + s.fp + s.fn > 0) console.log(row(type, s));
  console.log('\n' + header.replace('type', 'category'));
  for (const [cat, s] of Object.entries(r.perCategory)) console.log(row(cat, s));
  console.log(row('ALL', r.overall));
  console.log(`\nbenign look-alikes flagged: ${r.benign.flagged}/${r.benign.payloads} (${pct(r.benign.rate).trim()}%)`);
  if (values.errors) {
    for (const m of r.mismatches) console.log(`  ${m.kind} ${m.type.padEnd(18)} ${m.id.padEnd(22)} ${JSON.stringify(m.text.slice(0, 140))}`);
  }
}

const reports = Object.fromEntries(splits.map((split) => [split, evaluateSplit((text) => classifyText(text), split)])) as Record<Split, EvalReport>;
for (const split of splits) print(split, reports[split]);
if (values.record) {
  if (splits.length !== Object.keys(SPLITS).length) {
    process.stderr.write('--record needs --split all\n');
    process.exit(2);
  }
  writeFileSync(BASELINE_FILE, JSON.stringify(baselineOf(reports), null, 2) + '\n');
  console.log(`\nbaseline written to ${BASELINE_FILE}`);
}
