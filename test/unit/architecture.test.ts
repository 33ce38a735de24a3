// Keeps the dependency arrows honest: the core (server/src/core) is pure — no editor API, no LSP, no
// file system or processes, and nothing from the layers that depend on it (server, CLI, client).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinModules } from 'node:module';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CORE = join(ROOT, 'server', 'src', 'core');

const FORBIDDEN_PACKAGES = [/^vscode$/, /^vscode-languageserver/, /^vscode-languageclient/, /^vscode-jsonrpc/, /^(node:)?fs(\/|$)/, /^(node:)?child_process$/];
const FORBIDDEN_DIRS = [join(ROOT, 'server', 'src', 'server'), join(ROOT, 'server', 'src', 'cli'), join(ROOT, 'client')];

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|mts|cts|js|mjs)$/.test(name)) out.push(p);
  }
  return out;
}

/** Module specifiers of import/export-from statements, dynamic imports and require calls. */
export function importsOf(source: string): string[] {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\])\/\/.*$/gm, '$1');
  const specs: string[] = [];
  const patterns = [
    /\bimport\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?(?:\*(?:\s+as\s+\w+)?|\{[^}]*\})\s+from\s+['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (let m = re.exec(text); m; m = re.exec(text)) specs.push(m[1]!);
  return specs;
}

/** Why an import from a core file is not allowed, or undefined when it is fine. */
export function violation(file: string, spec: string): string | undefined {
  if (spec.startsWith('.')) {
    const target = resolve(dirname(file), spec);
    const bad = FORBIDDEN_DIRS.find((d) => target === d || target.startsWith(d + sep));
    return bad ? `imports ${relative(ROOT, bad)} (a layer that depends on the core)` : undefined;
  }
  return FORBIDDEN_PACKAGES.some((re) => re.test(spec)) ? `imports ${spec} (the core is pure: I/O and editor APIs stay outside)` : undefined;
}

test('the import scanner sees every form of import', () => {
  const src = `import a from 'vscode';\nimport type { B } from "vscode-languageserver/node";\nimport * as fs from 'node:fs';\nexport { x } from '../server/server';\nexport * from './ok';\nconst cp = require('child_process');\nconst m = await import('vscode-jsonrpc');\nimport 'fs/promises';\n// import z from 'vscode';\n`;
  assert.deepEqual(importsOf(src).sort(), ['../server/server', './ok', 'child_process', 'fs/promises', 'node:fs', 'vscode', 'vscode-jsonrpc', 'vscode-languageserver/node'].sort());
  const f = join(CORE, 'runbook', 'x.ts');
  assert.ok(violation(f, 'vscode'));
  assert.ok(violation(f, 'node:fs'));
  assert.ok(violation(f, 'fs/promises'));
  assert.ok(violation(f, 'node:child_process'));
  assert.ok(violation(f, 'vscode-languageserver-textdocument'));
  assert.ok(violation(f, '../../server/server'));
  assert.ok(violation(f, '../../cli/main'));
  assert.ok(violation(f, '../../../../client/src/extension'));
  assert.equal(violation(f, 'yaml'), undefined);
  assert.equal(violation(f, '../lineIndex'), undefined);
  assert.equal(violation(f, '../../../../schemas/runbook.schema.json'), undefined);
  assert.equal(violation(f, 'node:path'), undefined);
});

test('server/src/core imports no editor API, LSP, fs, child_process, server, CLI or client code', () => {
  const files = walk(CORE);
  assert.ok(files.length > 10, `found ${files.length} core files`);
  const problems: string[] = [];
  for (const f of files) {
    for (const spec of importsOf(readFileSync(f, 'utf8'))) {
      const why = violation(f, spec);
      if (why) problems.push(`${relative(ROOT, f)}: ${why}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('server/src/service (the language service of every host) imports no editor API, LSP, fs, child_process or host code', () => {
  const SERVICE = join(ROOT, 'server', 'src', 'service');
  const files = walk(SERVICE);
  assert.ok(files.length >= 4, `found ${files.length} service files`);
  const problems: string[] = [];
  for (const f of files) {
    for (const spec of importsOf(readFileSync(f, 'utf8'))) {
      const why = violation(f, spec) ?? (spec === 'node:path' || spec === 'path' ? 'imports node:path (hosts differ: the browser has none)' : undefined);
      if (why) problems.push(`${relative(ROOT, f)}: ${why}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('every package the shipped code imports is a declared dependency', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const declared = new Set(Object.keys(pkg.dependencies ?? {}));
  // Provided by the host, not installed: Node's built-ins and the VS Code API.
  const provided = (name: string): boolean => name === 'vscode' || name.startsWith('node:') || builtinModules.includes(name);
  const missing: string[] = [];
  for (const dir of [join(ROOT, 'server', 'src'), join(ROOT, 'client', 'src')]) {
    for (const file of walk(dir)) {
      // `import type` is erased at build time: its package need not be installed (e.g. @types/sarif).
      const source = readFileSync(file, 'utf8').replace(/\bimport\s+type\s+[^;]*?\s+from\s+['"][^'"]+['"]/g, '');
      for (const spec of importsOf(source)) {
        if (spec.startsWith('.')) continue;
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        if (!provided(name) && !declared.has(name)) missing.push(`${relative(ROOT, file)}: ${spec}`);
      }
    }
  }
  assert.deepEqual(missing, [], 'imported but not in package.json "dependencies"');
});
