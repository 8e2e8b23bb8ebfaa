/** Runs the CLI in-process and collects its output. */
import { main } from '../../src/cli.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function collector(): { stream: NodeJS.WritableStream; text: () => string } {
  let text = '';
  const stream = {
    write(chunk: string | Uint8Array) {
      text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      return true;
    },
  } as unknown as NodeJS.WritableStream;
  return { stream, text: () => text };
}

export async function runCli(argv: readonly string[], cwd = process.cwd(), env?: Readonly<Record<string, string | undefined>>): Promise<CliResult> {
  const stdout = collector();
  const stderr = collector();
  const code = await main(argv, { stdout: stdout.stream, stderr: stderr.stream, cwd, ...(env ? { env } : {}) });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
