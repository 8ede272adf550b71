import { loadFixtures, SPLITS } from '../test/classify/fixtures/evaluate';

/** The classifier's labelled dev fixtures (findings and look-alikes) and its benign look-alikes. */
export const fixtureTexts = [...loadFixtures(SPLITS.dev.labelled), ...loadFixtures(SPLITS.dev.benign)].map((p) => p.text);
export const benignTexts = loadFixtures(SPLITS.dev.benign).map((p) => p.text);

/**
 * 200 payloads of ~5 KB: JSON tool results whose content concatenates fixture texts. From all
 * fixtures every line carries findings or threat cues (a worst case); from the benign ones,
 * look-alikes only.
 */
export function fiveKb(source: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < 200; i += 7) {
    let content = '';
    for (let k = i; content.length < 4900; k++) content += source[k % source.length] + '\n';
    out.push(JSON.stringify({ tool: 'web.fetch', result: { content: content.slice(0, 4900) } }));
  }
  return out;
}
