import { describe, expect, it } from 'vitest';
import { classify, classifyText, summarize } from '../../src-main/classify/index';

describe('offsets and paths', () => {
  const payload = { tool: 'send_email', args: { to: 'priya@westfield-legal.com', body: 'SSN: 536-22-1987\nthanks' } };

  it('classify(value): offsets into the string at `path`', () => {
    const findings = classify(payload);
    expect(findings.map((f) => [f.type, f.path])).toEqual([
      ['EMAIL', '$.args.to'],
      ['US_SSN', '$.args.body'],
    ]);
    for (const f of findings) {
      const value = f.path === '$.args.to' ? payload.args.to : payload.args.body;
      expect(value.slice(f.start, f.end)).toMatch(/^(?:priya@westfield-legal\.com|536-22-1987)$/);
    }
  });

  it('classifyText(JSON text): offsets into the raw text, across escapes, with the same paths', () => {
    const text = JSON.stringify({ note: 'line one\n"quoted"\tthen 536-22-1987', 'odd key': ['x', 'mail bob@acme-corp.com'] });
    const findings = classifyText(text);
    expect(findings.map((f) => [f.type, text.slice(f.start, f.end), f.path])).toEqual([
      ['US_SSN', '536-22-1987', '$.note'],
      ['EMAIL', 'bob@acme-corp.com', '$["odd key"][1]'],
    ]);
  });

  it('scans object keys that hold data, and numbers', () => {
    const findings = classify({ contacts: { 'alice@northwind.io': true }, card: 4111111111111111 });
    expect(findings.map((f) => [f.type, f.path])).toEqual([
      ['EMAIL', '$.contacts["alice@northwind.io"]~'],
      ['CREDIT_CARD', '$.card'],
    ]);
  });

  it('plain text has no path and offsets in UTF-16 code units', () => {
    const text = '😀 mail ana@acme-corp.com';
    const [f] = classifyText(text);
    expect(f?.path).toBeUndefined();
    expect(text.slice(f?.start, f?.end)).toBe('ana@acme-corp.com');
    expect(f?.start).toBe(8);
  });

  it('falls back to plain text for text that only starts like JSON', () => {
    const text = '{not json} write to ana@acme-corp.com';
    expect(classifyText(text).map((f) => text.slice(f.start, f.end))).toEqual(['ana@acme-corp.com']);
  });
});

describe('summarize', () => {
  it('produces the policy input shape: count and max confidence per type, sorted types', () => {
    const s = summarize([
      { type: 'EMAIL', start: 0, end: 1, confidence: 0.9 },
      { type: 'EMAIL', start: 2, end: 3, confidence: 0.95 },
      { type: 'CREDIT_CARD', start: 4, end: 5, confidence: 0.97 },
    ]);
    expect(s).toEqual({
      findings: [
        { type: 'CREDIT_CARD', count: 1, max_confidence: 0.97 },
        { type: 'EMAIL', count: 2, max_confidence: 0.95 },
      ],
      types: ['CREDIT_CARD', 'EMAIL'],
    });
    expect(summarize([])).toEqual({ findings: [], types: [] });
  });
});
