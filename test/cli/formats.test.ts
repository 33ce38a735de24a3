import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { runbookRules } from '../../server/src/core/runbook/rules/index';
import { postmortemRules } from '../../server/src/core/postmortem/rules/index';
import { ALERT_CODES } from '../../server/src/core/alerts/index';
import { docUrl } from '../../server/src/core/index';
import { escapeData, escapeProperty } from '../../server/src/cli/formatters/github';
import { FIXTURES, ROOT, parseJson, runCli, tempTree } from './helpers';

interface JsonMessage { ruleId: string; severity: number; message: string; line: number; column: number; endLine: number; endColumn: number }
interface JsonResult { filePath: string; messages: JsonMessage[]; errorCount: number; warningCount: number; fixableErrorCount: number; fixableWarningCount: number }

/** Lints the problem fixtures (several files, every severity) in the given format. */
const lintProblems = (format: string, extra: string[] = []) =>
  runCli(['lint', '--format', format, '--include-hints', 'problems', 'dupes', ...extra]);

test('json follows ESLint’s shape exactly', () => {
  const r = lintProblems('json');
  assert.equal(r.status, 1);
  const results = parseJson<JsonResult[]>(r);
  assert.equal(results.length, 3);
  for (const f of results) {
    assert.deepEqual(Object.keys(f), ['filePath', 'messages', 'errorCount', 'warningCount', 'fixableErrorCount', 'fixableWarningCount']);
    assert.ok(f.filePath.startsWith(FIXTURES), 'absolute filePath');
    assert.equal(f.errorCount, f.messages.filter((m) => m.severity === 2).length);
    assert.equal(f.warningCount, f.messages.filter((m) => m.severity === 1).length);
    assert.equal(f.fixableErrorCount, 0);
    assert.equal(f.fixableWarningCount, 0);
    for (const m of f.messages) {
      assert.deepEqual(Object.keys(m), ['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn']);
      assert.match(m.ruleId, /^(RB|PM|ML)\d{3}$/);
      assert.ok([0, 1, 2].includes(m.severity));
      assert.ok(m.message.length > 0 && !m.message.includes('\n'));
      for (const k of ['line', 'column', 'endLine', 'endColumn'] as const) assert.ok(Number.isInteger(m[k]) && m[k] >= 1, `${k} is 1-based`);
      assert.ok(m.endLine > m.line || (m.endLine === m.line && m.endColumn >= m.column), 'end after start');
    }
  }
  // Positions are 1-based: the RB003 finding covers "TODO" on line 17 or starts on that line.
  const serving = results.find((f) => f.filePath.endsWith('serving.runbook.yaml'))!;
  const rb003 = serving.messages.find((m) => m.ruleId === 'RB003')!;
  const line17 = readFileSync(join(FIXTURES, 'problems', 'serving.runbook.yaml'), 'utf8').split('\n')[16]!;
  assert.equal(rb003.line, 17);
  assert.ok(rb003.column >= 1 && rb003.column <= line17.indexOf('TODO') + 1, 'starts at or before TODO');
  assert.ok(rb003.endLine > 17 || rb003.endColumn >= line17.indexOf('TODO') + 5, 'ends at or after TODO');
  const ml001 = serving.messages.find((m) => m.ruleId === 'ML001')!;
  assert.deepEqual([ml001.line, ml001.column, ml001.endLine, ml001.endColumn], [24, 1, 24, 38]);
});

test('sarif is valid SARIF 2.1.0 with rules from the registries and relative artifact URIs', () => {
  const r = lintProblems('sarif');
  assert.equal(r.status, 1);
  const log = parseJson<Log>(r);
  const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'sarif-2.1.0.schema.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));

  assert.equal(log.version, '2.1.0');
  const run = log.runs[0]!;
  const driver = run.tool.driver;
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.equal(driver.name, 'ml-runbooks');
  assert.equal(driver.version, pkg.version);
  assert.match(driver.informationUri!, /^https:\/\//);
  const expectedIds = [...new Set([...runbookRules, ...postmortemRules, ...ALERT_CODES].map((x) => x.id).concat('ML001', 'ML002'))].sort();
  assert.deepEqual(driver.rules!.map((x) => x.id), expectedIds);
  for (const rule of driver.rules!) {
    const src = [...runbookRules, ...postmortemRules, ...ALERT_CODES].find((x) => x.id === rule.id);
    if (src) {
      assert.equal(rule.name, src.name);
      assert.equal(rule.shortDescription!.text, src.description);
      const level = src.defaultSeverity === 'error' ? 'error' : src.defaultSeverity === 'warning' ? 'warning' : 'note';
      assert.equal(rule.defaultConfiguration!.level, level, rule.id);
    }
    assert.equal(rule.helpUri, docUrl(rule.id));
  }

  const json = parseJson<JsonResult[]>(lintProblems('json'));
  const flat = json.flatMap((f) => f.messages.map((m) => ({ ...m, file: f.filePath.slice(FIXTURES.length + 1).split('\\').join('/') })));
  const results = run.results!;
  assert.equal(results.length, flat.length);
  for (const res of results) {
    const loc = res.locations![0]!.physicalLocation!;
    assert.equal(loc.artifactLocation!.uriBaseId, '%SRCROOT%');
    const m = flat.find((x) => x.file === loc.artifactLocation!.uri && x.ruleId === res.ruleId && x.line === loc.region!.startLine);
    assert.ok(m, `result ${res.ruleId} at ${loc.artifactLocation!.uri}:${loc.region!.startLine} matches the json output`);
    assert.equal(res.level, m.severity === 2 ? 'error' : m.severity === 1 ? 'warning' : 'note');
    assert.equal(res.message.text, m.message);
    assert.deepEqual(loc.region, { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn });
    assert.equal(driver.rules![res.ruleIndex!]!.id, res.ruleId);
  }
  assert.ok(results.some((x) => x.ruleId === 'RB009' && x.relatedLocations?.length), 'duplicates point at the other definition');
});

test('github prints one workflow command per problem, with escaped properties and data', () => {
  const r = lintProblems('github');
  assert.equal(r.status, 1);
  const json = parseJson<JsonResult[]>(lintProblems('json'));
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.length, json.reduce((n, f) => n + f.messages.length, 0));
  const re = /^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=([A-Z]{2}\d{3})::(.+)$/;
  for (const l of lines) {
    const m = re.exec(l);
    assert.ok(m, l);
    const f = json.find((x) => x.filePath === join(FIXTURES, m[2]!));
    assert.ok(f, `file ${m[2]}`);
    const msg = f.messages.find((x) => x.ruleId === m[7] && x.line === Number(m[3]));
    assert.ok(msg, l);
    assert.equal(m[1], msg.severity === 2 ? 'error' : msg.severity === 1 ? 'warning' : 'notice');
    assert.deepEqual([Number(m[4]), Number(m[5]), Number(m[6])], [msg.column, msg.endLine, msg.endColumn]);
    assert.equal(m[8], escapeData(msg.message));
  }
  assert.doesNotMatch(runCli(['lint', '--format', 'github', 'problems']).stdout, /::notice/, 'hints need --include-hints');
});

test('github escaping follows the workflow-command rules', () => {
  assert.equal(escapeData('50% of it\r\nnext: a, b'), '50%25 of it%0D%0Anext: a, b');
  assert.equal(escapeProperty('dir/a,b:c%.yaml'), 'dir/a%2Cb%3Ac%25.yaml');
  const t = tempTree();
  try {
    copyFileSync(join(FIXTURES, 'problems', 'serving.runbook.yaml'), join(t.dir, 'a,b%.runbook.yaml'));
    const r = runCli(['lint', '--format', 'github'], { cwd: t.dir });
    assert.equal(r.status, 1);
    for (const l of r.stdout.trimEnd().split('\n')) assert.ok(l.includes(' file=a%2Cb%25.runbook.yaml,line='), l);
  } finally {
    t.cleanup();
  }
});

/** Applies a VS Code problem matcher (file line, then looping location lines) to output lines. */
function applyMatcher(output: string, matcher: { pattern: Array<Record<string, unknown>> }) {
  const [fileP, locP] = matcher.pattern as [Record<string, unknown>, Record<string, unknown>];
  assert.equal(locP.loop, true);
  const fileRe = new RegExp(fileP.regexp as string);
  const locRe = new RegExp(locP.regexp as string);
  const problems: Array<{ file: string; line: number; column: number; severity: string; message: string; code: string }> = [];
  let file: string | undefined;
  for (const line of output.split('\n')) {
    const loc = file !== undefined ? locRe.exec(line) : null;
    if (loc) {
      problems.push({
        file,
        line: Number(loc[locP.line as number]),
        column: Number(loc[locP.column as number]),
        severity: loc[locP.severity as number]!,
        message: loc[locP.message as number]!,
        code: loc[locP.code as number]!,
      } as (typeof problems)[number]);
      continue;
    }
    const f = fileRe.exec(line);
    file = f ? f[fileP.file as number] : undefined;
  }
  return problems;
}

test('stylish output is what the contributed problem matcher reads', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const matcher = pkg.contributes.problemMatchers.find((m: { name: string }) => m.name === 'ml-runbooks');
  assert.ok(matcher, 'contributes.problemMatchers has ml-runbooks');
  assert.equal(matcher.owner, 'ml-runbooks');

  const r = lintProblems('stylish');
  assert.equal(r.status, 1);
  const problems = applyMatcher(r.stdout, matcher);
  const json = parseJson<JsonResult[]>(lintProblems('json'));
  const expected = json.flatMap((f) =>
    f.messages.map((m) => ({
      file: f.filePath.slice(FIXTURES.length + 1),
      line: m.line,
      column: m.column,
      severity: m.severity === 2 ? 'error' : m.severity === 1 ? 'warning' : 'hint',
      message: m.message,
      code: m.ruleId,
    })),
  );
  assert.ok(expected.length >= 5);
  assert.deepEqual(problems, expected);
  const errors = expected.filter((x) => x.severity === 'error').length;
  const warnings = expected.filter((x) => x.severity === 'warning').length;
  const hints = expected.length - errors - warnings;
  assert.ok(
    r.stdout.endsWith(`✖ ${expected.length} problems (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${hints} info/hint${hints === 1 ? '' : 's'})\n`),
    r.stdout,
  );
});

test('stylish: colour only when asked on a non-terminal, never with --no-color', () => {
  const ansi = /\u001b\[/;
  assert.doesNotMatch(lintProblems('stylish').stdout, ansi, 'piped output has no colour');
  const coloured = lintProblems('stylish', ['--color']).stdout;
  assert.match(coloured, ansi);
  assert.equal(coloured.replace(/\u001b\[\d+m/g, ''), lintProblems('stylish').stdout, 'colour changes nothing else');
  assert.doesNotMatch(lintProblems('stylish', ['--color', '--no-color']).stdout, ansi);
});
