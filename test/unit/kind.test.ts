/** File-kind detection: the core's `detectKind` (server, CLI) and the client's `kindOf` built on it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyFile, detectKind, globKind } from '../../server/src/core/index';
import { kindOf } from '../../client/src/kind';

const cases: Array<[file: string, text: string, kind: ReturnType<typeof detectKind>]> = [
  ['a/drift.runbook.yaml', '', 'runbook'],
  ['a/drift.runbook.yml', '', 'runbook'],
  ['a/other.yaml', 'apiVersion: ml-runbooks/v1\nkind: Runbook\n', 'runbook'],
  ['a/other.yaml', 'apiVersion: "ml-runbooks/v1"\nkind: \'Runbook\'\n', 'runbook'],
  ['a/other.yaml', 'apiVersion: v1\nkind: Pod\n', undefined],
  ['a/.ml-runbooks.yaml', 'rules: {}\n', 'config'],
  ['pm/x.postmortem.md', '', 'postmortem'],
  ['pm/x.md', '---\nkind: postmortem\n---\n# X\n', 'postmortem'],
  ['pm/x.md', '---\ntitle: x\nkind: "postmortem" # yes\n---\n', 'postmortem'],
  ['README.md', '# Readme\nkind: postmortem\n', undefined],
  ['pm/x.markdown', '\uFEFF---\r\nkind: postmortem\r\n---\r\n', 'postmortem'],
  ['notes.txt', 'apiVersion: ml-runbooks/v1\nkind: Runbook\n', undefined],
];

for (const [file, text, kind] of cases) {
  test(`detectKind ${file} ${JSON.stringify(text.slice(0, 30))} → ${kind}`, () => {
    assert.equal(detectKind(file, text), kind);
  });
}

test('kindOf: the dedicated languages decide; otherwise detectKind, with the project file as no kind', () => {
  assert.equal(kindOf('ml-runbook', 'a/anything.txt', ''), 'runbook');
  assert.equal(kindOf('ml-postmortem', 'a/anything.txt', ''), 'postmortem');
  for (const [file, text, kind] of cases) {
    const lang = /\.ya?ml$/.test(file) ? 'yaml' : 'markdown';
    assert.equal(kindOf(lang, file, text), kind === 'config' ? undefined : kind, file);
  }
});

test('kindOf: an untitled document is checked by content according to its language', () => {
  assert.equal(kindOf('yaml', 'Untitled-1', 'apiVersion: ml-runbooks/v1\nkind: Runbook\n'), 'runbook');
  assert.equal(kindOf('yaml', 'Untitled-1', 'apiVersion: v1\nkind: Pod\n'), undefined);
  assert.equal(kindOf('markdown', 'Untitled-2', '---\nkind: postmortem\n---\n'), 'postmortem');
  assert.equal(kindOf('markdown', 'Untitled-2', 'apiVersion: ml-runbooks/v1\nkind: Runbook\n'), undefined);
  assert.equal(kindOf('plaintext', 'Untitled-3', 'apiVersion: ml-runbooks/v1\nkind: Runbook\n'), undefined);
});

test('classifyFile: a files glob makes the whole file that kind; a content-detected runbook is only its declared documents', () => {
  const typo = 'apiVersion: ml-runbooks/v1\nkind: Runbok\n';
  assert.equal(classifyFile('ops/latency.yaml', typo), undefined);
  assert.deepEqual(classifyFile('ops/latency.yaml', typo, 'runbook'), { kind: 'runbook', wholeFile: true });
  assert.deepEqual(classifyFile('ops/latency.runbook.yaml', typo), { kind: 'runbook', wholeFile: true });
  assert.deepEqual(classifyFile('ops/other.yaml', 'apiVersion: ml-runbooks/v1\nkind: Runbook\n'), { kind: 'runbook', wholeFile: false });
  assert.deepEqual(classifyFile('incidents/x.md', '# X\n', 'postmortem'), { kind: 'postmortem', wholeFile: true });
  // The project file is never anything else, whatever a glob says.
  assert.deepEqual(classifyFile('.ml-runbooks.yaml', '', 'runbook'), { kind: 'config', wholeFile: true });
});

test('globKind: relative paths inside the project, runbook globs first, nothing outside the root', () => {
  const files = { runbooks: ['ops/**/*.yaml'], postmortems: ['incidents/**/*.md', 'ops/**/*.yaml'] };
  assert.equal(globKind('ops/latency.yaml', files), 'runbook');
  assert.equal(globKind('ops/deep/er/latency.yaml', files), 'runbook');
  assert.equal(globKind('incidents/2026/a.md', files), 'postmortem');
  assert.equal(globKind('docs/a.md', files), undefined);
  assert.equal(globKind('../ops/latency.yaml', files), undefined);
  assert.equal(globKind('ops/.hidden.yaml', files), undefined);
});
