import { EXIT_OK, EXIT_USAGE, UsageError, type CliIO } from './io';
import { MAIN_USAGE, LINT_USAGE, BURN_RATE_USAGE, REPORT_USAGE, GRAPH_USAGE } from './usage';
import { VERSION } from '../version';

// Commands are loaded on first use (`require` keeps them out of start-up: `--version`, `--help` and
// `burn-rate` never initialise the linter's schemas and grammars).
const COMMANDS: Record<string, { run: (args: string[], io: CliIO) => number | Promise<number>; usage: string }> = {
  lint: { run: (a, io) => (require('./lint') as typeof import('./lint')).runLint(a, io), usage: LINT_USAGE },
  'burn-rate': { run: (a, io) => (require('./burnRate') as typeof import('./burnRate')).runBurnRate(a, io), usage: BURN_RATE_USAGE },
  report: { run: (a, io) => (require('./report') as typeof import('./report')).runReport(a, io), usage: REPORT_USAGE },
  graph: { run: (a, io) => (require('./graph') as typeof import('./graph')).runGraph(a, io), usage: GRAPH_USAGE },
};

/** `node:util` parseArgs errors, reworded: "unknown option '--x'", "option '--format' needs a value". */
function describeParseError(e: Error & { code?: string }): string | undefined {
  if (!e.code?.startsWith('ERR_PARSE_ARGS_')) return undefined;
  const first = e.message.split(/\.\s/)[0]!.replace(/\.$/, '');
  return first.charAt(0).toLowerCase() + first.slice(1);
}

/**
 * Runs the CLI on its arguments (without `node` and the script) and returns the exit code.
 * Usage problems print `ml-runbooks: <problem>` and the relevant usage on stderr (exit 2).
 */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.err(MAIN_USAGE);
    return EXIT_USAGE;
  }
  if (first === '--help' || first === '-h') {
    io.out(MAIN_USAGE);
    return EXIT_OK;
  }
  if (first === 'help') {
    const cmd = rest[0] !== undefined ? COMMANDS[rest[0]] : undefined;
    if (rest[0] !== undefined && !cmd) {
      io.err(`ml-runbooks: unknown command '${rest[0]}'\n\n${MAIN_USAGE}`);
      return EXIT_USAGE;
    }
    io.out(cmd ? cmd.usage : MAIN_USAGE);
    return EXIT_OK;
  }
  if (first === '--version' || first === '-v') {
    io.out(`${VERSION}\n`);
    return EXIT_OK;
  }
  const cmd = COMMANDS[first];
  if (!cmd) {
    const what = first.startsWith('-') ? `unknown option '${first}'` : `unknown command '${first}'`;
    io.err(`ml-runbooks: ${what}\n\n${MAIN_USAGE}`);
    return EXIT_USAGE;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`ml-runbooks: ${e.message}\n${e.usage ? `\n${e.usage}` : ''}`);
      return EXIT_USAGE;
    }
    const parse = describeParseError(e as Error & { code?: string });
    if (parse) {
      io.err(`ml-runbooks ${first}: ${parse}\n\n${cmd.usage}`);
      return EXIT_USAGE;
    }
    throw e;
  }
}
