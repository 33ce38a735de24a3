/**
 * The extension manifest (package.json `contributes`), the files it points to, and the project-config
 * schema's agreement with the core's config reader.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { parseConfigText } from '../../server/src/core/config';

const root = join(import.meta.dirname, '..', '..');
const read = (p: string): string => readFileSync(join(root, p), 'utf8');
const pkg = JSON.parse(read('package.json')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const c = pkg.contributes;

const COMMANDS = ['mlRunbooks.showPreview', 'mlRunbooks.showPreviewToSide', 'mlRunbooks.burnRateCalculator', 'mlRunbooks.surfaceReport', 'mlRunbooks.restartServer'];

describe('manifest', () => {
  test('the contract commands, in the ML Runbooks category, with icons', () => {
    assert.deepEqual(c.commands.map((x: { command: string }) => x.command).sort(), [...COMMANDS].sort());
    for (const cmd of c.commands) {
      assert.equal(cmd.category, 'ML Runbooks', cmd.command);
      assert.match(cmd.icon, /^\$\([a-z-]+\)$/, cmd.command);
      assert.ok(cmd.title.length > 3);
    }
  });

  test('activation events are honest: languages, file kinds, the preview serializer and the commands', () => {
    for (const e of pkg.activationEvents as string[]) {
      assert.match(e, /^(onLanguage:ml-(runbook|postmortem)|workspaceContains:.+|onWebviewPanel:mlRunbooks\.preview|onCommand:mlRunbooks\.\w+)$/, e);
      const cmd = /^onCommand:(.+)$/.exec(e)?.[1];
      if (cmd) assert.ok(COMMANDS.includes(cmd), e);
    }
    assert.ok(pkg.activationEvents.includes('onWebviewPanel:mlRunbooks.preview'));
    assert.ok(pkg.activationEvents.includes('onLanguage:ml-runbook') && pkg.activationEvents.includes('onLanguage:ml-postmortem'));
  });

  test('languages and grammars embed the built-in YAML and Markdown grammars', () => {
    const langs = Object.fromEntries(c.languages.map((l: { id: string }) => [l.id, l]));
    assert.deepEqual(langs['ml-runbook'].filenamePatterns, ['*.runbook.yaml', '*.runbook.yml']);
    assert.deepEqual(langs['ml-postmortem'].filenamePatterns, ['*.postmortem.md']);
    assert.equal(langs['ml-runbook'].aliases[0], 'ML Runbook');
    assert.equal(langs['ml-postmortem'].aliases[0], 'ML Post-mortem');
    for (const g of c.grammars) {
      const grammar = JSON.parse(read(g.path));
      assert.equal(grammar.scopeName, g.scopeName);
      const includes = JSON.stringify(grammar);
      assert.match(includes, g.language === 'ml-runbook' ? /"include":"source\.yaml"/ : /"include":"text\.html\.markdown"/);
    }
    for (const l of c.languages) JSON.parse(read(l.configuration));
  });

  test('every contributed path exists and the package allow-list ships it', () => {
    const paths = [
      pkg.main,
      pkg.browser,
      ...c.languages.map((l: { configuration: string }) => l.configuration),
      ...c.grammars.map((g: { path: string }) => g.path),
      ...c.snippets.map((s: { path: string }) => s.path),
      ...c.yamlValidation.map((v: { url: string }) => v.url),
      pkg.icon,
    ];
    const ignore = read('.vscodeignore').split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1));
    const globToRe = (g: string): RegExp => new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*')}$`);
    for (const p of paths) {
      const rel = p.replace(/^\.\//, '');
      assert.ok(existsSync(join(root, rel)), `${p} exists`);
      assert.ok(ignore.some((g) => globToRe(g).test(rel)), `${rel} is shipped by .vscodeignore`);
    }
    for (const f of ['client/media/webview.js', 'client/media/webview.css', 'dist/extension.js', 'dist/server.js', 'dist/server.bundle.js', 'dist/browser/extension.js', 'dist/browser/server.js', 'dist/sql/postgresql.js', 'dist/sql/big-integer.js', 'LICENSE', 'CHANGELOG.md', 'README.md']) {
      assert.ok(ignore.some((g) => globToRe(g).test(f)), `${f} is shipped`);
    }
    for (const f of ['dist/extension.js.map', 'dist/server.js.map', 'dist/browser/server.js.map', 'dist/sql/postgresql.js.map', 'dist/server.bundle.js.map', 'dist/cli.js', 'dist/cli.bundle.js', 'client/src/extension.ts', 'node_modules/yaml/package.json', 'test/run.mjs']) {
      assert.ok(!ignore.some((g) => globToRe(g).test(f)), `${f} is not shipped`);
    }
  });

  test('keybindings and editor-title button for both languages', () => {
    const kb = (cmd: string) => c.keybindings.find((k: { command: string }) => k.command === cmd);
    assert.equal(kb('mlRunbooks.showPreviewToSide').key, 'ctrl+k v');
    assert.equal(kb('mlRunbooks.showPreviewToSide').mac, 'cmd+k v');
    assert.equal(kb('mlRunbooks.showPreview').key, 'ctrl+shift+v');
    assert.equal(kb('mlRunbooks.showPreview').mac, 'shift+cmd+v');
    for (const k of c.keybindings) assert.match(k.when, /editorLangId == ml-runbook \|\| editorLangId == ml-postmortem/);
    const title = c.menus['editor/title'][0];
    assert.equal(title.command, 'mlRunbooks.showPreviewToSide');
    assert.equal(title.group, 'navigation');
    assert.match(title.when, /ml-runbook/);
    assert.match(title.when, /ml-postmortem/);
  });

  test('settings: every contract setting, described, with defaults; enums described', () => {
    const props = c.configuration.properties as Record<string, Record<string, unknown>>;
    for (const key of ['mlRunbooks.staleAfterDays', 'mlRunbooks.rules', 'mlRunbooks.sql.dialect', 'mlRunbooks.blameless.extraTerms', 'mlRunbooks.blameless.allow', 'mlRunbooks.trace.server']) {
      assert.ok(props[key], key);
    }
    assert.equal(props['mlRunbooks.staleAfterDays']!.default, 180);
    assert.equal(props['mlRunbooks.sql.dialect']!.default, '');
    assert.equal(props['mlRunbooks.trace.server']!.default, 'off');
    for (const [key, p] of Object.entries(props)) {
      assert.ok(typeof p.markdownDescription === 'string' && p.markdownDescription.length > 20, `${key} markdownDescription`);
      assert.ok('default' in p, `${key} default`);
      if (p.enum) assert.equal((p.enumDescriptions as string[]).length, (p.enum as string[]).length, `${key} enumDescriptions`);
      if (key !== 'mlRunbooks.trace.server' && !key.startsWith('mlRunbooks.preview.')) assert.equal(p.scope, 'resource', `${key} is per folder`);
    }
    const rules = props['mlRunbooks.rules']!.properties as Record<string, { enum: string[]; enumDescriptions: string[] }>;
    const codes = Object.keys(rules);
    for (let i = 0; i <= 10; i++) assert.ok(codes.includes(`RB${String(i).padStart(3, '0')}`));
    for (let i = 1; i <= 11; i++) assert.ok(codes.includes(`PM${String(i).padStart(3, '0')}`));
    assert.ok(codes.includes('ML001') && codes.includes('ML002'));
    // The SQL dialects offered in settings are the runbook schema's (plus "" for none).
    const runbookSchema = JSON.parse(read('schemas/runbook.schema.json'));
    const dialects = runbookSchema.properties.diagnostics.items.properties.query.properties.dialect.enum as string[];
    assert.deepEqual([...(props['mlRunbooks.sql.dialect']!.enum as string[])].filter(Boolean).sort(), [...dialects].sort());
  });

  test('capabilities describe the untrusted and virtual-workspace behaviour', () => {
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.match(pkg.capabilities.untrustedWorkspaces.description, /\.ml-runbooks\.yaml/);
    // The web extension reads through the editor's file system; the desktop server reads the disk.
    assert.equal(pkg.browser, './dist/browser/extension.js');
    assert.equal(pkg.capabilities.virtualWorkspaces.supported, 'limited');
    assert.match(pkg.capabilities.virtualWorkspaces.description, /web worker/);
    assert.match(pkg.capabilities.virtualWorkspaces.description, /disk/);
  });

  test('Restricted Mode: every setting that changes what is checked is a restricted configuration', () => {
    const restricted = new Set<string>(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations ?? []);
    const props = Object.keys(pkg.contributes.configuration.properties as Record<string, unknown>);
    // Only the protocol trace and the preview's display options may come from an untrusted workspace.
    const harmless = (k: string) => k === 'mlRunbooks.trace.server' || k.startsWith('mlRunbooks.preview.');
    assert.deepEqual(props.filter((k) => !harmless(k)).sort(), [...restricted].sort());
  });
});

describe('project config schema agrees with parseConfigText', () => {
  const schema = JSON.parse(read('schemas/ml-runbooks-config.schema.json'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  const cases: Array<[string, string]> = [
    ['full', 'rules: { RB003: off, PM008: warning, ML001: hint }\nstaleAfterDays: 90\nblameless: { extraTerms: [sloppy], allow: [root cause] }\nsql: { dialect: bigquery }\nfiles: { runbooks: ["ops/**/*.yaml"], postmortems: ["pm/**/*.md"] }\n'],
    ['lower-case code', 'rules: { rb003: error }\n'],
    ['false means off', 'rules: { PM008: false }\n'],
    ['a future code', 'rules: { RB099: off }\n'],
    ['top-level shorthands', 'dialect: postgresql\nextraTerms: [x]\nallow: [y]\n'],
    ['empty lists', 'files: { runbooks: [] }\nblameless: { extraTerms: [] }\n'],
    ['unknown code', 'rules: { XX001: off }\n'],
    ['unknown code family', 'rules: { PB003: off }\n'],
    ['bad severity', 'rules: { RB003: loud }\n'],
    ['rules not a map', 'rules: [RB003]\n'],
    ['zero days', 'staleAfterDays: 0\n'],
    ['days as text', 'staleAfterDays: "90"\n'],
    ['terms not a list', 'blameless: { extraTerms: sloppy }\n'],
    ['list of numbers', 'blameless: { allow: [1, 2] }\n'],
    ['dialect not text', 'sql: { dialect: 5 }\n'],
    ['files not a map', 'files: [a]\n'],
    ['globs not a list', 'files: { runbooks: "**/*.yaml" }\n'],
    ['unknown top-level key', 'rulez: {}\n'],
    ['not a mapping', '- a\n- b\n'],
  ];
  for (const [name, text] of cases) {
    test(name, () => {
      const coreOk = parseConfigText(text).findings.length === 0;
      const schemaOk = validate(parseYaml(text)) as boolean;
      assert.equal(schemaOk, coreOk, `schema says ${schemaOk ? 'valid' : 'invalid'} (${ajv.errorsText(validate.errors)}), parseConfigText says ${coreOk ? 'valid' : 'invalid'}`);
    });
  }
  test('deliberately stricter: unknown nested keys (typos such as extraterms) are schema errors', () => {
    assert.equal(validate(parseYaml('blameless: { extraterms: [x] }\n')), false);
  });
  test('descriptions on everything', () => {
    const walk = (s: Record<string, unknown>, path: string): void => {
      if (s.properties) {
        for (const [k, v] of Object.entries(s.properties as Record<string, Record<string, unknown>>)) {
          assert.ok(typeof v.description === 'string' && v.description.length > 10, `${path}.${k} has a description`);
          walk(v, `${path}.${k}`);
        }
      }
    };
    walk(schema, '');
  });
});
