/** A piece of a positional record (an HL7 field or component, an X12 element) and where it starts. */
export interface Piece {
  value: string;
  start: number;
}

/** The pieces between separators, each with its offset. */
export function split(piece: Piece, separator: string): Piece[] {
  const out: Piece[] = [];
  let from = 0;
  for (let at = piece.value.indexOf(separator); ; at = piece.value.indexOf(separator, from)) {
    const to = at < 0 ? piece.value.length : at;
    out.push({ value: piece.value.slice(from, to), start: piece.start + from });
    if (at < 0) return out;
    from = at + 1;
  }
}
