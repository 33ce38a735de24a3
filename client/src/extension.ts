/**
 * Entry point of the desktop / remote extension (bundled to dist/extension.js, `main` in package.json):
 * the language server runs as a Node process (dist/server.js) over IPC. Everything else is shared with
 * the browser entry (activate.ts).
 */
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateWith, CLIENT_ID, CLIENT_NAME, documentSelector, type MlRunbooksApi } from './activate';

export { deactivate, type MlRunbooksApi } from './activate';

export function activate(context: vscode.ExtensionContext): MlRunbooksApi {
  return activateWith(context, {
    selector: documentSelector(['file', 'untitled']),
    createClient: (ctx, options) => {
      const module = ctx.asAbsolutePath('dist/server.js');
      const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
      };
      return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, options);
    },
  });
}
