import type { Output } from '../../cli/command.js';
import { main } from '../../cli/main.js';

/** An Output that keeps what a command prints, as the real process would have written it. */
export interface CapturedOutput extends Output {
  readonly stdout: string;
  readonly stderr: string;
}

/** Ends each printed text with a newline unless it has one, as cli/main.ts does for the real process. */
const asWritten = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

export function captureOutput(options: { isTTY?: boolean } = {}): CapturedOutput {
  let stdout = '';
  let stderr = '';
  return {
    isTTY: options.isTTY ?? false,
    out: (text) => void (stdout += asWritten(text)),
    err: (text) => void (stderr += asWritten(text)),
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
  };
}

/** What one run of the CLI in this process printed, and its exit status. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `bulkmock <args>` in this process (fast; for commands that end by themselves) and keeps what it printed. */
export async function runCli(args: string[], options: { isTTY?: boolean } = {}): Promise<CliRun> {
  const output = captureOutput(options);
  const code = await main(args, output);
  return { code, stdout: output.stdout, stderr: output.stderr };
}
