/**
 * The example runbooks are the playbook's three stubs localised to a real service: each carries the
 * playbook's signal, likely cause, three questions in order and sense, rollback criterion, levers and
 * false pages, with real queries (RB004 parses them: the examples lint clean, see runbook-parse.test.ts),
 * and the data- and model-surface ones name their model owner.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { lint } from '../../server/src/core/index';
import { PLAYBOOK_STUBS, assertCarriesStub } from '../helpers/playbook';

const root = join(import.meta.dirname, '..', '..');
const EXAMPLES: Array<[string, string]> = [
  ['drift-alert.runbook.yaml', 'drift'],
  ['p99-latency-spike.runbook.yaml', 'latency'],
  ['prompt-injection.runbook.yaml', 'injection'],
];

for (const [file, stub] of EXAMPLES) {
  test(`examples/${file} carries the playbook's ${stub} stub, localised`, () => {
    const text = readFileSync(join(root, 'examples', file), 'utf8');
    const doc = parse(text) as Record<string, any>;
    assertCarriesStub(file, doc, PLAYBOOK_STUBS[stub]!);
    assert.equal(lint(file, text, { now: new Date('2026-11-25T00:00:00Z') }).findings.length, 0);
    if (doc.surface.likely !== 'serving') assert.match(String(doc.metadata.owners.model), /^@[\w-]+$/, `${file}: the model owner`);
    // Localised: real hosts, real queries, no placeholders.
    assert.doesNotMatch(text, /example\.com|<[a-z-]+>|TODO/);
  });
}
