import { existsSync } from 'node:fs';
import { MAX_CONFIG_BYTES, SafeReadError, isInside, readRegularFileSync } from '../safeFs';
import { join, resolve, relative, isAbsolute } from 'node:path';
import { CONFIG_FILE_NAME, mergeConfig, type ResolvedConfig } from '../core/config';
import { LineIndex } from '../core/lineIndex';
import { loadProjectFileSync } from '../core/projectFile';
import { UsageError, type CliIO } from './io';

/** Human-friendly path: relative to cwd when inside it, absolute otherwise. */
export function displayPath(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

/** Why the CLI's reader refused a project file that exists; the message goes on stderr and the defaults apply. */
class NotRead extends Error {}

/**
 * Reads the project configuration with the core's project-file loader: `--config FILE` (must exist,
 * else exit 2) or `.ml-runbooks.yaml` in the current folder (optional). A broken file is reported once
 * on stderr, with each problem as `file:line:col`, and the defaults apply to the broken parts.
 */
export function loadConfig(io: CliIO, configOption: string | undefined): ResolvedConfig {
  const explicit = configOption !== undefined;
  const read = (file: string): string | undefined => {
    if (!explicit && existsSync(file) && !isInside(io.cwd, file)) {
      throw new NotRead(`configuration file ${CONFIG_FILE_NAME} is a symbolic link out of the current folder and was not read; the defaults apply`);
    }
    let r;
    try {
      r = readRegularFileSync(file, MAX_CONFIG_BYTES);
    } catch (e) {
      if (!explicit && (e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      // A device, FIFO or socket in place of the project file: said, and the run goes on with the defaults.
      if (e instanceof SafeReadError) throw new NotRead(`configuration file ${displayPath(io.cwd, file)} is ${e.message} and was not read; the defaults apply`);
      throw e;
    }
    if (r.truncated) throw new NotRead(`configuration file ${displayPath(io.cwd, file)} is larger than ${MAX_CONFIG_BYTES / 1024} KB and was not read; the defaults apply`);
    return r.text;
  };
  const loaded = loadProjectFileSync(io.cwd, read, { join, ...(explicit ? { path: resolve(io.cwd, configOption) } : {}) });
  if (loaded.error instanceof NotRead) {
    io.err(`ml-runbooks: ${loaded.error.message}\n`);
    return mergeConfig();
  }
  if (loaded.error !== undefined) throw new UsageError(`cannot read '${configOption ?? CONFIG_FILE_NAME}': ${describeFsError(loaded.error)}`);
  const { text, findings } = loaded;
  if (text !== undefined && findings.length) {
    const shown = displayPath(io.cwd, loaded.path);
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
  return mergeConfig(loaded.layer);
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
