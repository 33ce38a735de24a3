import { existsSync } from 'node:fs';
import { MAX_CONFIG_BYTES, SafeReadError, isInside, readRegularFileSync } from '../safeFs';
import { join, resolve, relative, isAbsolute } from 'node:path';
import { CONFIG_FILE_NAME, LineIndex, mergeConfig, parseConfigText, type ResolvedConfig } from '../core/index';
import { UsageError, type CliIO } from './io';

/** Human-friendly path: relative to cwd when inside it, absolute otherwise. */
export function displayPath(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

/**
 * Reads the project configuration: `--config FILE` (must exist, else exit 2) or `.ml-runbooks.yaml`
 * in the current folder (optional). A broken file is reported once on stderr, with each problem as
 * `file:line:col`, and the defaults apply to the broken parts.
 */
export function loadConfig(io: CliIO, configOption: string | undefined): ResolvedConfig {
  const explicit = configOption !== undefined;
  const file = explicit ? resolve(io.cwd, configOption) : join(io.cwd, CONFIG_FILE_NAME);
  let text: string;
  try {
    if (!explicit && existsSync(file) && !isInside(io.cwd, file)) {
      io.err(`ml-runbooks: configuration file ${CONFIG_FILE_NAME} is a symbolic link out of the current folder and was not read; the defaults apply\n`);
      return mergeConfig();
    }
    const read = readRegularFileSync(file, MAX_CONFIG_BYTES);
    if (read.truncated) {
      io.err(`ml-runbooks: configuration file ${displayPath(io.cwd, file)} is larger than ${MAX_CONFIG_BYTES / 1024} KB and was not read; the defaults apply\n`);
      return mergeConfig();
    }
    text = read.text;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!explicit && code === 'ENOENT') return mergeConfig();
    if (e instanceof SafeReadError) {
      // A device, FIFO or socket in place of the project file: said, and the run goes on with the defaults.
      io.err(`ml-runbooks: configuration file ${displayPath(io.cwd, file)} is ${e.message} and was not read; the defaults apply\n`);
      return mergeConfig();
    }
    throw new UsageError(`cannot read '${configOption ?? CONFIG_FILE_NAME}': ${describeFsError(e)}`);
  }
  const { layer, findings } = parseConfigText(text);
  if (findings.length) {
    const shown = displayPath(io.cwd, file);
    const lines = new LineIndex(text);
    const list = [...findings]
      .sort((a, b) => a.start - b.start)
      .map((f) => {
        const p = lines.positionAt(f.start);
        return `  ${shown}:${p.line + 1}:${p.character + 1}  ${f.message}  ${f.code}`;
      })
      .join('\n');
    const n = findings.length;
    io.err(`ml-runbooks: configuration file ${shown} has ${n} problem${n === 1 ? '' : 's'}; the defaults apply to ${n === 1 ? 'it' : 'them'}:\n${list}\n`);
  }
  return mergeConfig(layer);
}

/** "no such file or directory" and friends, from an fs error. */
export function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    default:
      return err?.message ?? String(e);
  }
}
