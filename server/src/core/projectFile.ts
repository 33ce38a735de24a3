/**
 * The one loader of the project file (`.ml-runbooks.yaml`) for every host: the command line, the
 * language server (Node and browser) and the client's surface report. The host says how to read a
 * file; the loader decides where the file is, which text wins, and turns the text into the
 * configuration layer and its ML002 findings with the core's `parseConfigText`.
 */
import { CONFIG_FILE_NAME, parseConfigText, type ConfigLayer } from './config';
import type { Finding } from './types';

/** A workspace folder's project file, loaded. */
export interface ProjectFile {
  /** Where the file is, or would be. */
  path: string;
  /** The text read (or the open document's); undefined when there is no file or it could not be read. */
  text?: string;
  /** What the file sets: `{}` when there is no file, it could not be read, or it is broken throughout. */
  layer: ConfigLayer;
  /** The file's problems (ML002), with offsets into `text`; their parts fall back to the defaults. */
  findings: Finding[];
  /** What the host's reader threw when the file exists but could not be read; the defaults apply. */
  error?: unknown;
}

/**
 * Reads a file for {@link loadProjectFile}: its text, or undefined when there is no such file. It
 * throws when the file exists but cannot be read (the error is handed back in `ProjectFile.error`).
 * Size caps, regular-file and inside-the-workspace checks are the host's (they differ per host).
 */
export type ProjectFileReader<R = Promise<string | undefined> | string | undefined> = (path: string) => R;

/** Options of {@link loadProjectFile}. */
export interface ProjectFileOptions {
  /** Joins the folder and the file name (`node:path`'s `join` in Node; default: with a `/`). */
  join?: (folder: string, name: string) => string;
  /** A path given by the user instead of the folder's `.ml-runbooks.yaml` (the CLI's `--config`). */
  path?: string;
  /** The text of the file open in an editor: it wins over the file on disk, which is then not read. */
  open?: string;
}

const slashJoin = (folder: string, name: string): string => (folder.endsWith('/') ? folder + name : `${folder}/${name}`);

/** Where a folder's project file is. */
export function projectFilePath(folder: string, opts: ProjectFileOptions = {}): string {
  return opts.path ?? (opts.join ?? slashJoin)(folder, CONFIG_FILE_NAME);
}

/** A project file from its text (undefined: no file, or it could not be read, with `error`). */
export function projectFileFrom(path: string, text: string | undefined, error?: unknown): ProjectFile {
  if (text === undefined) return { path, layer: {}, findings: [], ...(error !== undefined ? { error } : {}) };
  const { layer, findings } = parseConfigText(text);
  return { path, text, layer, findings };
}

/**
 * Loads a folder's project file with an asynchronous (or synchronous) reader.
 *
 * @example
 * const p = await loadProjectFile(folder, async (f) => (deps.fs.exists(f) ? deps.fs.readFile(f) : undefined), { join: path.join, open: doc?.getText() });
 * mergeConfig(p.layer, settingsLayer);
 */
export async function loadProjectFile(folder: string, read: ProjectFileReader, opts: ProjectFileOptions = {}): Promise<ProjectFile> {
  const path = projectFilePath(folder, opts);
  if (opts.open !== undefined) return projectFileFrom(path, opts.open);
  try {
    return projectFileFrom(path, await read(path));
  } catch (error) {
    return projectFileFrom(path, undefined, error);
  }
}

/** {@link loadProjectFile} for a synchronous reader (the command line). */
export function loadProjectFileSync(folder: string, read: ProjectFileReader<string | undefined>, opts: ProjectFileOptions = {}): ProjectFile {
  const path = projectFilePath(folder, opts);
  if (opts.open !== undefined) return projectFileFrom(path, opts.open);
  try {
    return projectFileFrom(path, read(path));
  } catch (error) {
    return projectFileFrom(path, undefined, error);
  }
}
