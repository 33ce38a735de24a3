/**
 * The `mlRunbooks` settings the language server pulls (`workspace/configuration`), reduced to the values a
 * user (or workspace, or folder) really set. VS Code answers a configuration request with the effective
 * values, defaults included, so the server could not tell "180 days because the user said so" from
 * "180 days because nobody said anything"; the project file `.ml-runbooks.yaml` must win over a default
 * but lose to a setting. The answer is built from `WorkspaceConfiguration.inspect`, as vscode-eslint
 * does: a key is sent only when some scope defines it, with the most specific scope's value.
 */
import * as vscode from 'vscode';

/** The settings the server reads (the `window`-scoped trace and preview settings are the client's). */
export const SERVER_SETTING_KEYS = ['staleAfterDays', 'rules', 'sql.dialect', 'blameless.extraTerms', 'blameless.allow'] as const;

type Inspected = ReturnType<vscode.WorkspaceConfiguration['inspect']>;

/** The value of the most specific scope that defines one, or undefined when only the default applies. */
export function explicitValue(inspected: Inspected): unknown {
  if (!inspected) return undefined;
  const order = [
    inspected.workspaceFolderLanguageValue,
    inspected.workspaceFolderValue,
    inspected.workspaceLanguageValue,
    inspected.workspaceValue,
    inspected.globalLanguageValue,
    inspected.globalValue,
  ];
  for (const v of order) if (v !== undefined) return v;
  return undefined;
}

/** `{ a: { b: v } }` from `'a.b'` → v pairs. */
function nest(pairs: Array<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of pairs) {
    const parts = key.split('.');
    let at = out;
    for (const p of parts.slice(0, -1)) {
      const next = at[p];
      at = (typeof next === 'object' && next !== null ? next : (at[p] = {})) as Record<string, unknown>;
    }
    at[parts[parts.length - 1]!] = value;
  }
  return out;
}

/** The explicitly set server settings for a resource (or the window when `scope` is undefined). */
export function explicitServerSettings(scope: vscode.Uri | undefined): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration('mlRunbooks', scope);
  const pairs: Array<[string, unknown]> = [];
  for (const key of SERVER_SETTING_KEYS) {
    const value = explicitValue(config.inspect(key));
    if (value !== undefined) pairs.push([key, value]);
  }
  return nest(pairs);
}
