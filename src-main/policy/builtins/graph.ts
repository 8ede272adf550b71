/** walk (a relation: one result per node), graph.reachable and graph.reachable_paths. */
import { typeError } from '../errors';
import { isObject, isSet, RSet, typeName, type RObject, type Value } from '../value';
import { obj, type Builtin } from './registry';

function* walk(v: Value, path: Value[]): Generator<Value> {
  yield [path, v];
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) yield* walk(v[i]!, [...path, i]);
  } else if (isObject(v)) {
    for (const [k, x] of v.sortedEntries()) yield* walk(x, [...path, k]);
  } else if (isSet(v)) {
    for (const x of v.sorted()) yield* walk(x, [...path, x]);
  }
}

function vertices(v: Value | undefined): Value[] {
  if (Array.isArray(v)) return v as Value[];
  if (isSet(v)) return [...v];
  return [];
}

function initial(args: Value[]): Value[] {
  const v = args[1]!;
  if (!Array.isArray(v) && !isSet(v)) throw typeError(`operand 2 must be one of {array, set} but got ${typeName(v)}`);
  return vertices(v);
}

function reachable(graph: RObject, start: Value[]): RSet {
  const reached = new RSet();
  const queue = [...start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    const edges = graph.get(node);
    if (edges === undefined) continue;
    for (const n of vertices(edges)) if (!reached.has(n)) queue.push(n);
    reached.add(node);
  }
  return reached;
}

function reachablePaths(graph: RObject, start: Value[]): RSet {
  const out = new RSet();
  const extend = (node: Value, path: Value[], seen: RSet): void => {
    const edges = graph.get(node);
    if (edges === undefined) { out.add(path); return; }
    const here = [...path, node];
    const next = vertices(edges);
    if (next.length === 0) { out.add(here); return; }
    const seenHere = RSet.from([...seen, node]);
    for (const n of next) {
      if (seenHere.has(n)) out.add(here);
      else extend(n, here, seenHere);
    }
  };
  for (const node of start) {
    const edges = graph.get(node);
    if (edges === undefined) continue;
    const next = vertices(edges);
    if (next.length === 0) out.add([node]);
    for (const n of next) extend(n, [node], RSet.from([node]));
  }
  return out;
}

export const GRAPH_BUILTINS: Builtin[] = [
  { name: 'walk', arity: 1, fn: () => undefined, many: (args) => walk(args[0]!, []) },
  { name: 'graph.reachable', arity: 2, fn: (args) => reachable(obj(args, 1), initial(args)) },
  { name: 'graph.reachable_paths', arity: 2, fn: (args) => reachablePaths(obj(args, 1), initial(args)) },
];
