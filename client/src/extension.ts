// Entry point of the VS Code extension bundle (dist/extension.js). Implemented in client/src/.
import type * as vscode from 'vscode';
export function activate(_context: vscode.ExtensionContext): void {}
export function deactivate(): void {}
