/**
 * The browser host's file system for the language server: the worker cannot read files, so it asks the
 * client (protocol.ts), which reads through `workspace.fs` — any file system VS Code has, github.dev's
 * virtual one included. Only regular files inside a workspace folder are read, under a size cap checked
 * with `stat` before the read; the server is told which files exist for its synchronous checks.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { FsFilesNotification, FsReadDirectoryRequest, FsReadFileRequest, toCorePath, type FsDirEntry } from '../../../server/src/protocol';

/** Largest file handed to the server (the core's own caps are smaller; this bounds the transfer). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** Files listed for existence checks (YAML and Markdown only: runbooks, post-mortems, rule files). */
const LISTED = '**/*.{yaml,yml,md,markdown}';
const EXCLUDE = '{**/node_modules/**,**/.git/**}';
const MAX_LISTED = 20_000;

/** The path the core uses for a URI (the server's `toCorePath`: the URI's path outside `file:`). */
export function corePath(uri: vscode.Uri): string {
  return toCorePath(uri.toString());
}

/** The URI of a core path inside one of the workspace folders, or undefined when it is outside all. */
export function uriOf(path: string, folders: readonly vscode.WorkspaceFolder[] = vscode.workspace.workspaceFolders ?? []): vscode.Uri | undefined {
  for (const f of folders) {
    const root = corePath(f.uri);
    const inside = path === root || path.startsWith(root.endsWith('/') ? root : root + '/');
    if (inside && !path.split('/').includes('..')) return f.uri.scheme === 'file' ? vscode.Uri.file(path) : f.uri.with({ path });
  }
  return undefined;
}

const decoder = new TextDecoder('utf-8');

async function readFile(path: string): Promise<string> {
  const uri = uriOf(path);
  if (!uri) throw new Error(`${path} is outside the workspace folders`);
  const st = await vscode.workspace.fs.stat(uri);
  if (st.type !== vscode.FileType.File) throw new Error(`${path} is not a regular file`);
  if (st.size > MAX_FILE_BYTES) throw new Error(`${path} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  return decoder.decode(await vscode.workspace.fs.readFile(uri));
}

async function readDirectory(path: string): Promise<FsDirEntry[]> {
  const uri = uriOf(path);
  if (!uri) throw new Error(`${path} is outside the workspace folders`);
  // Symbolic links are neither files nor folders here: never followed (they may lead out of the workspace).
  return (await vscode.workspace.fs.readDirectory(uri)).map(([name, type]) => ({ name, isDirectory: type === vscode.FileType.Directory, isFile: type === vscode.FileType.File }));
}

/** Answers the server's file requests and keeps it told which files exist. */
export function bridgeFileSystem(client: BaseLanguageClient, context: vscode.ExtensionContext): void {
  client.onRequest(FsReadFileRequest.type, ({ path }) => readFile(path));
  client.onRequest(FsReadDirectoryRequest.type, ({ path }) => readDirectory(path));
  const send = (reset: boolean, added: vscode.Uri[], removed: vscode.Uri[]): void => {
    if (client.isRunning()) void client.sendNotification(FsFilesNotification.type, { reset, added: added.map(corePath), removed: removed.map(corePath) });
  };
  const watcher = vscode.workspace.createFileSystemWatcher(LISTED, false, true, false);
  context.subscriptions.push(
    watcher,
    watcher.onDidCreate((u) => send(false, [u], [])),
    watcher.onDidDelete((u) => send(false, [], [u])),
    client.onDidChangeState(async (e) => {
      // 2 = Running: the first listing after each (re)start.
      if (e.newState === 2) send(true, await vscode.workspace.findFiles(LISTED, EXCLUDE, MAX_LISTED), []);
    }),
  );
}
