// Usage: node out/test/vscode/prepare.js <destDir> — writes a fresh copy of the fixture workspace.
import { prepareWorkspace } from './workspace';

const dest = process.argv[2];
if (!dest) {
  console.error('usage: prepare.js <destDir>');
  process.exit(2);
}
prepareWorkspace(dest);
