/**
 * Reading and writing one source file without losing anything: the BOM is
 * split off before analysis and put back on write; bad input (binary,
 * non-UTF-8, too large, unreadable, a directory, a link loop) becomes a
 * one-line reason. Writes are atomic (temporary file + rename) and keep the
 * file's mode; a file its owner made read-only, or one this user may not
 * write, is never replaced (the rename would replace it regardless).
 */
import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;
const BOM = '\uFEFF';

export interface SourceText {
  /** The text without its BOM: what every adapter analyses. */
  readonly text: string;
  readonly bom: boolean;
}

export class SourceFileError extends Error {}

/**
 * Bytes that are not UTF-8 text (NUL bytes, a UTF-16 file, another encoding): not analysed. `text` is
 * the bytes read as UTF-16 when a BOM says so, else as Latin-1: enough for the run to look for ids.
 */
export class NotTextError extends SourceFileError {
  constructor(
    /** What the bytes are: "a binary file (it contains NUL bytes)", "a UTF-16LE file (not UTF-8)". */
    readonly what: string,
    private readonly bytes: Uint8Array,
    private readonly encoding: 'utf-16le' | 'utf-16be' | 'latin1',
    /** What would make it readable, if anything. */
    readonly advice = '',
  ) {
    super(`${what}: skipped${advice}`);
  }

  /** The bytes as text, decoded on first use (only the runner looks for ids in them). */
  get text(): string {
    return new TextDecoder(this.encoding).decode(this.bytes);
  }
}

/** Over the size limit: not analysed (the run may still look for ids in it, without parsing). */
export class FileTooLargeError extends SourceFileError {
  constructor(
    readonly size: number,
    /** "2.7 MB is over the 2.0 MB limit". */
    readonly over: string,
  ) {
    super(`${over} (generated or bundled code?): skipped; raise it with --max-file-size`);
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export async function readSource(file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<SourceText> {
  let buffer: Buffer;
  try {
    const stats = await stat(file);
    if (stats.isDirectory()) throw new SourceFileError('is a directory, not a source file');
    // a FIFO, socket or device named `x.ts`: reading it could block forever
    if (!stats.isFile()) throw new SourceFileError('not a regular file: skipped');
    checkSize(stats.size, maxBytes);
    buffer = await readFile(file);
  } catch (error) {
    if (error instanceof SourceFileError) throw error;
    throw new SourceFileError(describeFsError(error, 'cannot be read'));
  }
  return decodeSource(buffer, maxBytes);
}

/**
 * The checks every reader shares (the CLI, and the jscodeshift transform on
 * the bytes jscodeshift read): size, binary, UTF-8; then the BOM split off.
 */
export function decodeSource(buffer: Uint8Array, maxBytes = DEFAULT_MAX_FILE_BYTES): SourceText {
  checkSize(buffer.length, maxBytes);
  if (buffer.subarray(0, 8000).includes(0)) {
    // UTF-16 is its BOM and the NUL byte every ASCII character has there; else the NUL bytes say binary
    const utf16 = buffer[0] === 0xff && buffer[1] === 0xfe ? 'utf-16le' : buffer[0] === 0xfe && buffer[1] === 0xff ? 'utf-16be' : null;
    if (utf16) throw new NotTextError(`a ${utf16 === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE'} file (not UTF-8)`, buffer, utf16, ' (save it as UTF-8 to have it read)');
    throw new NotTextError('a binary file (it contains NUL bytes)', buffer, 'latin1');
  }
  let text: string;
  try {
    text = decoder.decode(buffer);
  } catch {
    throw new NotTextError('a file that is not valid UTF-8 text', buffer, 'latin1');
  }
  return splitBom(text);
}

/** Splits a BOM off decoded text. */
export function splitBom(text: string): SourceText {
  const bom = text.startsWith(BOM);
  return { text: bom ? text.slice(1) : text, bom };
}

/** The text as it goes to disk: the BOM put back. */
export function withBom(source: Pick<SourceText, 'bom'>, text: string): string {
  return (source.bom ? BOM : '') + text;
}

function checkSize(size: number, maxBytes: number): void {
  if (size > maxBytes) {
    throw new FileTooLargeError(size, `${formatBytes(size)} is over the ${formatBytes(maxBytes)} limit`);
  }
}

/** `20.0 KB`, `10.5 MB`: enough digits to tell a size from its limit. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Writes the fixed text atomically, BOM restored, mode kept. */
export async function writeSource(file: string, source: SourceText, text: string): Promise<void> {
  try {
    // a rename needs only the directory's permission: ask the file's own first
    // (no write bit at all means read-only on purpose, even to root, who passes access())
    const { mode } = await stat(file);
    if ((mode & 0o222) === 0) throw new SourceFileError('read-only file: not written (make it writable to let fix change it)');
    await access(file, constants.W_OK);
    // loaded on first write: an audit, and the planner thread, never write
    const { default: writeFileAtomic } = await import('write-file-atomic');
    await writeFileAtomic(file, withBom(source, text), { encoding: 'utf8' });
  } catch (error) {
    if (error instanceof SourceFileError) throw error;
    throw new SourceFileError(describeFsError(error, 'cannot be written'));
  }
}

/** A one-line reason for a file system error, without a stack. */
export function describeFsError(error: unknown, fallback: string): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'EISDIR':
      return 'is a directory';
    case 'ENAMETOOLONG':
      return 'path too long';
    default:
      return `${fallback}${code ? ` (${code})` : ''}`;
  }
}
