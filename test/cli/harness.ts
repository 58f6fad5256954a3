/**
 * Run the CLI in-process: `main(argv, io)` with captured stdout / stderr, optional stdin, a shared
 * simulator fleet (state carries over between runs) and MCTP seams.
 */
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/context.js';

export interface RunResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  /** stdout parsed as JSON (when --json). */
  json(): Record<string, unknown>;
}

export async function run(argv: readonly string[], extra: Partial<Omit<CliIo, 'stdout' | 'stderr'>> & { stdin?: Uint8Array; tty?: boolean } = {}): Promise<RunResult> {
  let out = '';
  let err = '';
  const { stdin, tty, ...rest } = extra;
  const io: CliIo = {
    stdout: {
      write: (s) => {
        out += s;
      },
      isTTY: tty === true,
    },
    stderr: {
      write: (s) => {
        err += s;
      },
      isTTY: tty === true,
    },
    ...(stdin ? { readStdin: async () => stdin } : {}),
    ...rest,
  };
  const code = await main(argv, io);
  return { code, out, err, json: () => JSON.parse(out) as Record<string, unknown> };
}
