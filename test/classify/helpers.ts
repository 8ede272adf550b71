import { classifyText } from '../../src-main/classify/index';

/** Findings of a text as `TYPE:matched text`, so expectations read like the payload. */
export function found(text: string): string[] {
  return classifyText(text).map((f) => `${f.type}:${text.slice(f.start, f.end)}`);
}

export function foundOf(type: string, text: string): string[] {
  return found(text).filter((s) => s.startsWith(type + ':')).map((s) => s.slice(type.length + 1));
}
