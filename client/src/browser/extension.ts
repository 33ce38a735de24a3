/**
 * Entry point of the extension in VS Code for the Web (vscode.dev, github.dev, code-server's web worker
 * host): `browser` in package.json, bundled to dist/browser/extension.js. The language server is
 * dist/browser/server.js in a web worker, started from a Blob of its text (a worker cannot be created
 * from a remote extension's URL); files reach it through the client (fsBridge.ts). Everything else is
 * the desktop extension's code (activate.ts).
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateWith, CLIENT_ID, CLIENT_NAME, documentSelector, type MlRunbooksApi } from '../activate';
import { bridgeFileSystem } from './fsBridge';

export { deactivate, type MlRunbooksApi } from '../activate';

export async function activate(context: vscode.ExtensionContext): Promise<MlRunbooksApi> {
  const script = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js'));
  const url = URL.createObjectURL(new Blob([new TextDecoder().decode(script)], { type: 'text/javascript' }));
  context.subscriptions.push({ dispose: () => URL.revokeObjectURL(url) });
  return activateWith(context, {
    selector: documentSelector(undefined),
    createClient: (_ctx, options) => new LanguageClient(CLIENT_ID, CLIENT_NAME, new Worker(url, { name: 'ml-runbooks-server' }), options),
    onClient: bridgeFileSystem,
  });
}
