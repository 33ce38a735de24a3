/**
 * The workspace folders: their paths (the service's file identifiers are core paths) and their URIs,
 * so a path becomes a URI of its folder's scheme (`vscode-vfs:` in github.dev, `file:` on the desktop).
 */
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '../core/index';
import { toCorePath, uriForPath } from './convert';

export class WorkspaceFolders {
  private paths: string[] = [];
  /** The URI of each folder, by its path. */
  private readonly uris = new Map<string, string>();

  /** The folders' paths, in the order the client gave them. */
  get list(): readonly string[] {
    return this.paths;
  }

  /** Sets the folders from `initialize` (`workspaceFolders`, else `rootUri`, else `rootPath`). */
  reset(folderUris: readonly string[], rootPath?: string | null): void {
    this.paths = [];
    this.uris.clear();
    for (const u of folderUris) this.add(u);
    if (!this.paths.length && rootPath) this.paths.push(rootPath);
  }

  add(uri: string): void {
    const p = toCorePath(uri);
    this.paths.push(p);
    this.uris.set(p, uri);
  }

  /** Removes a folder; returns its path. */
  remove(uri: string): string {
    const p = toCorePath(uri);
    this.paths = this.paths.filter((x) => x !== p);
    this.uris.delete(p);
    return p;
  }

  /** The innermost folder that contains a file. */
  folderOf(file: string): string | undefined {
    let best: string | undefined;
    for (const f of this.paths) {
      const rel = path.relative(f, file);
      if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || f.length > best.length)) best = f;
    }
    return best;
  }

  /** A file's path relative to its folder, `/`-separated ('' outside every folder: the whole path). */
  relative(file: string): string {
    return path.relative(this.folderOf(file) ?? '', file).split(path.sep).join('/');
  }

  /** The URI of a path, in its folder's scheme. */
  uriOf(file: string): string {
    const folder = this.folderOf(file);
    return uriForPath(file, folder ? this.uris.get(folder) : undefined);
  }

  /** The URI of a folder's project file. */
  configUriOf(folder: string): string {
    return uriForPath(path.join(folder, CONFIG_FILE_NAME), this.uris.get(folder));
  }

  /** The folder whose project file a path is (undefined: not a project file of a folder). */
  folderOfConfig(file: string): string | undefined {
    return this.paths.find((f) => path.join(f, CONFIG_FILE_NAME) === file);
  }
}
