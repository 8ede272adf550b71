/**
 * Classifier benchmark: p50/p99 of classify() on typical (< 1 KB) and 5 KB payloads, beside a
 * floor measured in the same run on the same texts (JSON.parse plus one linear regex scan),
 * so the ratios mean something on any machine.
 *   npx tsx bench/classify.ts
 */
import { classify, classifyText } from '../src-main/classify/index';
import { benignTexts, fiveKb, fixtureTexts } from './five-kb';

const ITERATIONS = 4000;
const FLOOR_SCAN = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+|\d{9,19}/g;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Per-call times in microseconds, cycling through the inputs. */
function measure<T>(inputs: T[], fn: (x: T) => unknown): { p50: number; p99: number } {
  // Warm-up: two passes over every input, so JIT and regex compilation are not measured.
  for (let i = 0; i < Math.max(500, 2 * inputs.length); i++) fn(inputs[i % inputs.length] as T);
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const x = inputs[i % inputs.length] as T;
    const t0 = process.hrtime.bigint();
    fn(x);
    times.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

function floor(text: string): number {
  let payload: unknown = text;
  try {
    payload = JSON.parse(text);
  } catch {
    // plain text: the scan alone is the floor
  }
  let n = 0;
  FLOOR_SCAN.lastIndex = 0;
  while (FLOOR_SCAN.exec(text)) n++;
  return n + (payload === undefined ? 1 : 0);
}

const texts = fixtureTexts;
const small = texts.filter((t) => t.length < 1024);
const large = fiveKb(texts);
const largeBenign = fiveKb(benignTexts);
const smallParsed = small.map((t) => {
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return t;
  }
});

// Whole-run warm-up: V8 optimises functions and tiers regexps up to native code only after many
// executions; without this the first case measured pays for it in its p99.
for (let round = 0; round < 3; round++) {
  for (const t of [...small, ...large, ...largeBenign]) classifyText(t);
  for (const v of smallParsed) classify(v);
}

const rows: [string, { p50: number; p99: number }, { p50: number; p99: number }][] = [
  ['classifyText < 1 KB', measure(small, classifyText), measure(small, floor)],
  ['classify(value) < 1 KB', measure(smallParsed, classify), measure(small, floor)],
  ['classifyText 5 KB dense', measure(large, classifyText), measure(large, floor)],
  ['classifyText 5 KB benign', measure(largeBenign, classifyText), measure(largeBenign, floor)],
];
const avg = (xs: string[]): number => Math.round(xs.reduce((a, t) => a + t.length, 0) / xs.length);
console.log(`inputs: ${small.length} payloads < 1 KB (avg ${avg(small)} chars), ${large.length} + ${largeBenign.length} payloads of ~5 KB; ${ITERATIONS} calls each`);
console.log(`${'case'.padEnd(26)} ${'p50 µs'.padStart(8)} ${'p99 µs'.padStart(8)} ${'floor p50'.padStart(10)} ${'floor p99'.padStart(10)} ${'x p50'.padStart(7)} ${'x p99'.padStart(7)}`);
for (const [name, c, f] of rows) {
  console.log(
    `${name.padEnd(26)} ${c.p50.toFixed(1).padStart(8)} ${c.p99.toFixed(1).padStart(8)} ${f.p50.toFixed(1).padStart(10)} ${f.p99.toFixed(1).padStart(10)} ${(c.p50 / f.p50).toFixed(1).padStart(7)} ${(c.p99 / f.p99).toFixed(1).padStart(7)}`,
  );
}
