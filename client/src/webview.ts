/**
 * What every webview of the extension shares: options (scripts on, resources only from client/media),
 * the page resources (CSP source, a fresh nonce, media URIs) and the typed messages from the webview.
 */
import * as vscode from 'vscode';
import type { PageResources } from './preview/html';

/** The folder the webviews may load from (and nothing else). */
export function mediaRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'client', 'media');
}

/** Webview options: scripts enabled, local resources restricted to the media folder, no command links. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [mediaRoot(extensionUri)], retainContextWhenHidden: false, enableFindWidget: true };
}

/** A cryptographically random nonce for the page's script-src. */
export function makeNonce(): string {
  // Web Crypto: the same in the Node extension host and the browser's web worker host.
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes));
}

/** CSP source, a fresh nonce and the media URIs of a webview. */
export function pageResources(webview: vscode.Webview, extensionUri: vscode.Uri): PageResources {
  const media = mediaRoot(extensionUri);
  return {
    cspSource: webview.cspSource,
    nonce: makeNonce(),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'webview.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'webview.css')).toString(),
  };
}

/** Messages a webview sends to the extension (client/media/webview.js). */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'rendered'; version?: number }
  | { type: 'reveal'; line: number; character: number; endLine: number; endCharacter: number }
  | { type: 'action'; action: string; arg?: string };

/** Validates an untrusted message from a webview. */
export function asWebviewMessage(x: unknown): WebviewMessage | undefined {
  if (!x || typeof x !== 'object') return undefined;
  const m = x as Record<string, unknown>;
  const int = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0);
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'rendered':
      return typeof m.version === 'number' ? { type: 'rendered', version: m.version } : { type: 'rendered' };
    case 'reveal':
      return { type: 'reveal', line: int(m.line), character: int(m.character), endLine: int(m.endLine ?? m.line), endCharacter: int(m.endCharacter ?? m.character) };
    case 'action':
      return typeof m.action === 'string' ? { type: 'action', action: m.action, ...(typeof m.arg === 'string' ? { arg: m.arg } : {}) } : undefined;
    default:
      return undefined;
  }
}
