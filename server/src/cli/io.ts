/**
 * What a CLI command needs from the process: output streams, the working directory and the
 * environment. Commands write through this and return their exit code, so they never call
 * `process.exit` themselves.
 */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Whether standard output is a terminal (colour is used only there). */
  stdoutIsTTY: boolean;
}

/** Exit codes: 0 clean, 1 problems (errors, or warnings over --max-warnings), 2 bad usage or unreadable input. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/** Thrown for bad usage or unreadable input; the entry point prints `ml-runbooks: <message>` and exits 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** Usage text to print after the message (the command's help), if any. */
    readonly usage?: string,
  ) {
    super(message);
  }
}
