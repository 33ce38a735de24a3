/**
 * Entry point of the desktop / remote extension (bundled to dist/extension.js, `main` in package.json):
 * the language server runs as a Node process (dist/server.js) over IPC. Everything else is shared with
 * the browser entry (activate.ts).
 */
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateWith, CLIENT_ID, CLIENT_NAME, documentSelector, type MlRunbooksApi } from './activate';

export { deactivate, type MlRunbooksApi } from './activate';

export function activate(context: vscode.ExtensionContext): MlRunbooksApi {
  return activateWith(context, {
    selector: documentSelector(['file', 'untitled']),
    createClient: (ctx, options) => {
      const module = ctx.asAbsolutePath('dist/server.js');
      // The server's V8 code cache (server/src/loader/codeCache.ts) goes into the extension's own storage, which
      // VS Code removes with the extension, unless the environment already names a folder.
      const ownCacheDir = !process.env.ML_RUNBOOKS_CODE_CACHE_DIR && ctx.globalStorageUri.scheme === 'file';
      const env = ownCacheDir ? { ML_RUNBOOKS_CODE_CACHE_DIR: path.join(ctx.globalStorageUri.fsPath, 'code-cache') } : undefined;
      const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc, options: { env } },
        debug: { module, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6009'] } },
      };
      return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, options);
    },
  });
}
