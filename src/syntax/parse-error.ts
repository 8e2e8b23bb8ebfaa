/** A text that does not parse, with the place of its first error (1-based): a per-file message, never a crash. */
export class ParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}
