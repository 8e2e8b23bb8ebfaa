/**
 * Reading and writing one source file without losing anything: the BOM is
 * split off before analysis and put back on write; bad input (binary,
 * non-UTF-8, too large, unreadable, a directory, a link loop) becomes a
 * one-line reason. Writes are atomic (temporary file + rename) and keep the
 * file's mode.
 */
import { readFile, stat } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import { describeFsError } from './discover.js';

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;
const BOM = '\uFEFF';

export interface SourceText {
  /** The text without its BOM: what every adapter analyses. */
  readonly text: string;
  readonly bom: boolean;
}

export class SourceFileError extends Error {}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export async function readSource(file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<SourceText> {
  let buffer: Buffer;
  try {
    const stats = await stat(file);
    if (stats.isDirectory()) throw new SourceFileError('is a directory, not a source file');
    if (stats.size > maxBytes) {
      throw new SourceFileError(
        `${formatBytes(stats.size)} is over the ${formatBytes(maxBytes)} limit (generated or bundled code?): skipped; raise it with --max-file-size`,
      );
    }
    buffer = await readFile(file);
  } catch (error) {
    if (error instanceof SourceFileError) throw error;
    throw new SourceFileError(describeFsError(error, 'cannot be read'));
  }
  if (buffer.subarray(0, 8000).includes(0)) throw new SourceFileError('binary file (contains NUL bytes): skipped');
  let text: string;
  try {
    text = decoder.decode(buffer);
  } catch {
    throw new SourceFileError('not valid UTF-8 text: skipped');
  }
  const bom = text.startsWith(BOM);
  return { text: bom ? text.slice(1) : text, bom };
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
    await writeFileAtomic(file, (source.bom ? BOM : '') + text, { encoding: 'utf8' });
  } catch (error) {
    throw new SourceFileError(describeFsError(error, 'cannot be written'));
  }
}
