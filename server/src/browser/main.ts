/**
 * Entry point of the language server for VS Code for the Web (bundled to dist/browser/server.js, a
 * classic web-worker script): the same `startServer` as the Node host, over `postMessage`. The worker
 * cannot read files, so the file system is the client's (`workspace.fs` through the requests of
 * protocol.ts), existence checks answer from the listing the client sends, and the workspace scan for
 * RB009 runs on this thread through that file system.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startServer, type ServerFs } from '../server/server';
import { FsFilesNotification, FsReadDirectoryRequest, FsReadFileRequest } from '../protocol';
import './setImmediate';

// The worker's global scope: it posts and receives messages like a Worker seen from outside.
const scope = globalThis as unknown as Worker;
const connection = createConnection(new BrowserMessageReader(scope), new BrowserMessageWriter(scope));

/** Files the client says exist; folders are implied by their files. */
const known = new Set<string>();
const knownDirs = new Map<string, number>();
const parentDirs = (p: string): string[] => {
  const out: string[] = [];
  for (let i = p.lastIndexOf('/'); i > 0; i = p.lastIndexOf('/', i - 1)) out.push(p.slice(0, i));
  return out;
};
const addKnown = (p: string): void => {
  if (known.has(p)) return;
  known.add(p);
  for (const d of parentDirs(p)) knownDirs.set(d, (knownDirs.get(d) ?? 0) + 1);
};
const removeKnown = (p: string): void => {
  if (!known.delete(p)) return;
  for (const d of parentDirs(p)) {
    const n = (knownDirs.get(d) ?? 1) - 1;
    if (n > 0) knownDirs.set(d, n);
    else knownDirs.delete(d);
  }
};

const fs: ServerFs = {
  readFile: (path) => connection.sendRequest(FsReadFileRequest.type, { path }),
  readDir: (path) => connection.sendRequest(FsReadDirectoryRequest.type, { path }),
  exists: (path) => known.has(path) || knownDirs.has(path),
};

const server = startServer(connection, { fs, now: () => new Date() });

connection.onNotification(FsFilesNotification.type, (p) => {
  if (p.reset) {
    known.clear();
    knownDirs.clear();
  }
  for (const f of p.removed) removeKnown(f);
  for (const f of p.added) addKnown(f);
  // The project file may exist now, and existence answers (PM011, links) may have changed.
  server.filesChanged();
});

connection.listen();
