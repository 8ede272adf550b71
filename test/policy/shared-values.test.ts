import { describe, expect, it } from 'vitest';
import { Program } from '../../src-main/policy/program';
import { fromJSON, lazyFromJSON, toJSON } from '../../src-main/policy/value';

/**
 * Literal collections are built once per program and input values are shared by all rules, so
 * evaluation must never change a value it did not build itself.
 */
describe('values shared between evaluations and rules', () => {
  const program = Program.compile([{
    file: 't.rego',
    source: `package t
obj[k] := {"x": 1} if k := "a"
obj[k][j] := 2 if { k := "a"; j := input.j }
set[k] := {"s"} if k := "a"
set[k] contains v if { k := "a"; v := input.j }
from_input[k] := input.doc if k := "a"
from_input[k][j] := 3 if { k := "a"; j := "added" }
doc := input.doc
verbs := {"delete", "drop"}
`,
  }]);
  const paths = ['obj', 'set', 'from_input', 'doc', 'verbs'].map((p) => ['t', p]);

  function evaluate(json: unknown, convert: (j: unknown) => ReturnType<typeof fromJSON>): unknown[] {
    const r = program.evalPaths(paths, { input: convert(json) });
    if (r.error) throw r.error;
    return r.values.map((v) => (v === undefined ? undefined : toJSON(v)));
  }

  for (const [name, convert] of [['eager', fromJSON], ['lazy', lazyFromJSON]] as const) {
    it(`keeps every evaluation to its own input (${name} input)`, () => {
      for (const j of ['y', 'z']) {
        expect(evaluate({ j, doc: { orig: true } }, convert)).toEqual([
          { a: { x: 1, [j]: 2 } },
          { a: ['s', j] },
          { a: { added: 3, orig: true } },
          { orig: true },
          ['delete', 'drop'],
        ]);
      }
    });
  }
});
