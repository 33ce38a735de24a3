/**
 * Custom messages between the extension (client) and the language server. Standard LSP covers
 * everything else; the client imports the core directly for the preview, the surface report and the
 * burn-rate calculator.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';

/** Server → client: the project file `.ml-runbooks.yaml` is invalid (sent once per broken content). */
export interface ConfigProblemParams {
  /** URI of the configuration file. */
  uri: string;
  /** A one-line message naming the file and the first problem. */
  message: string;
  /** Number of problems found (each is also an ML002 diagnostic on the file). */
  problems: number;
}

export namespace ConfigProblemNotification {
  export const method = 'mlRunbooks/configProblem';
  export const type = new NotificationType<ConfigProblemParams>(method);
}

// ---- File access for a server that cannot read files itself (the browser host) ----------------------
// The server names files by the paths the core uses (`toCorePath`: the URI's path outside `file:`); the
// client maps them back to URIs of its workspace folders and answers through `workspace.fs`, so virtual
// file systems (github.dev) work.

/**
 * A URI → the path the core is given (file system path for `file:` URIs, the URI's path otherwise): the
 * server names files this way and the client maps the names back, so both call this one function.
 */
export function toCorePath(uri: string): string {
  const u = URI.parse(uri);
  return u.scheme === 'file' ? u.fsPath : u.path;
}

/** An entry of a folder listing. */
export interface FsDirEntry {
  name: string;
  isDirectory: boolean;
  isFile: boolean;
}

/** Server → client: the text of a file (rejected when it cannot be read or is over the size cap). */
export namespace FsReadFileRequest {
  export const method = 'mlRunbooks/fs/readFile';
  export const type = new RequestType<{ path: string }, string, void>(method);
}

/** Server → client: the entries of a folder. */
export namespace FsReadDirectoryRequest {
  export const method = 'mlRunbooks/fs/readDirectory';
  export const type = new RequestType<{ path: string }, FsDirEntry[], void>(method);
}

/**
 * Client → server: files that exist (for synchronous existence checks such as PM011 and document
 * links). `reset: true` replaces what the server knew (the first, full listing); otherwise `added` and
 * `removed` are changes since.
 */
export interface FsFilesParams {
  reset: boolean;
  added: string[];
  removed: string[];
}
export namespace FsFilesNotification {
  export const method = 'mlRunbooks/fs/files';
  export const type = new NotificationType<FsFilesParams>(method);
}

/** An alerting rule whose `runbook_url` resolves to a runbook of the asked file (spec §8). */
export interface RunbookAlert {
  /** `metadata.name` of the runbook the alert links. */
  runbook: string;
  /** The alert's name. */
  alert: string;
  /** URI of the rule file and 0-based line of the alert's name. */
  uri: string;
  line: number;
}

/** Client → server: the alerts that link the runbooks of a file (the preview's triage card lists them). */
export namespace RunbookAlertsRequest {
  export const method = 'mlRunbooks/runbookAlerts';
  export const type = new RequestType<{ uri: string }, RunbookAlert[], void>(method);
}
