/**
 * Custom messages between the extension (client) and the language server. Standard LSP covers
 * everything else; the client imports the core directly for the preview, the surface report and the
 * burn-rate calculator.
 */
import { NotificationType } from 'vscode-languageserver-protocol';

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
