/** The CLI's JSON formatter writes exactly what `JSON.stringify(…, null, 2)` writes of ESLint's result shape. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatJson, toEslintJson, writeJson } from '../../server/src/cli/formatters/json';
import type { FileResult, Message } from '../../server/src/cli/results';

const reference = (results: FileResult[], cwd: string): string => `${JSON.stringify(toEslintJson(results, cwd), null, 2)}\n`;

function message(code: string, severity: Message['severity'], text: string, n: number): Message {
  return { code, severity, message: text, line: n, column: n + 1, endLine: n + 2, endColumn: n + 3, related: [], hasFix: n % 2 === 0 };
}

function file(abs: string, messages: Message[]): FileResult {
  const count = (s: Message['severity']) => messages.filter((m) => m.severity === s).length;
  return { abs, path: abs, messages, errorCount: count('error'), warningCount: count('warning'), infoCount: count('info') + count('hint'), foundWarningCount: count('warning') };
}

test('formatJson: no files, files without messages, every severity, text JSON must escape', () => {
  const cwd = '/repo';
  const awkward = ['quote " backslash \\ tab \t', 'unicode é ✓ 😀', 'lone surrogate \ud800 end', 'control \u0001 \u001f', '</script> & <b>', ''];
  const cases: FileResult[][] = [
    [],
    [file('/repo/a.runbook.yaml', [])],
    [file('/repo/a.runbook.yaml', []), file('/repo/b.postmortem.md', [])],
    [file('/repo/a.runbook.yaml', [message('RB001', 'error', 'Missing owner.', 1)])],
    [
      file('/repo/x/"odd" name.runbook.yaml', awkward.map((t, i) => message(`RB00${i}`, (['error', 'warning', 'info', 'hint'] as const)[i % 4], t, i))),
      file('/repo/empty.postmortem.md', []),
      file('/elsewhere/abs.postmortem.md', [message('PM004', 'warning', 'Drift', 120000)]),
    ],
  ];
  for (const results of cases) assert.equal(formatJson(results, cwd), reference(results, cwd));
});

test('formatJson: random results match the reference byte for byte', () => {
  let seed = 42;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
  const chars = 'abc "\\\n\té😀/\u0000<>';
  const text = () => Array.from({ length: rand(12) }, () => chars[rand(chars.length)]).join('');
  for (let round = 0; round < 50; round++) {
    // Paths are absolute and normal, as discovery gives them.
    const results = Array.from({ length: rand(5) }, (_, f) =>
      file(`/w/${text().split('/').join('_')}${f}.md`, Array.from({ length: rand(4) }, (_, i) => message(text(), (['error', 'warning', 'info', 'hint'] as const)[rand(4)], text(), rand(1000) + i))),
    );
    assert.equal(formatJson(results, '/w'), reference(results, '/w'));
  }
});

test('writeJson: a large report comes in pieces that join to the reference', () => {
  const results = Array.from({ length: 3000 }, (_, f) => file(`/repo/teams/t${f % 7}/rb-${f}.runbook.yaml`, f % 3 ? [] : [message('RB004', 'error', `SQL does not parse at 'avg' — ${f}`, f)]));
  const pieces: string[] = [];
  writeJson(results, '/repo', (t) => void pieces.push(t));
  assert.ok(pieces.length > 1, `${pieces.length} piece(s)`);
  assert.equal(pieces.join(''), reference(results, '/repo'));
  const none: string[] = [];
  writeJson([], '/repo', (t) => void none.push(t));
  assert.deepEqual(none, ['[]\n']);
});
