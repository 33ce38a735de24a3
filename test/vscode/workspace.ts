/**
 * Builds the throw-away workspace the VS Code suites open: a fresh copy of
 * test/vscode/fixtures/workspace/ plus the project's examples/ under `examples/`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The project root (this file is bundled into out/test/vscode/, three levels below it). */
export function projectRoot(fromDir: string = __dirname): string {
  let dir = fromDir;
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'test', 'vscode'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error(`project root not found above ${fromDir}`);
}

/** Copies the fixture workspace (and examples/) into `dest`, which must not exist or be empty. */
export function prepareWorkspace(dest: string, root: string = projectRoot()): string {
  fs.rmSync(dest, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'test', 'vscode', 'fixtures', 'workspace'), dest, { recursive: true });
  const examples = path.join(root, 'examples');
  if (fs.existsSync(examples)) fs.cpSync(examples, path.join(dest, 'examples'), { recursive: true });
  return dest;
}
