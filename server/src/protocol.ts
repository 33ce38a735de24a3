/**
 * Custom messages between the extension (client) and the language server. Standard LSP covers
 * everything else; the client imports the core directly for the preview, the surface report and the
 * burn-rate calculator.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

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
