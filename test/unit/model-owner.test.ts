/**
 * metadata.owners.model in the schema: completion and hover describe the ownership split in the
 * playbook's words (the platform team owns the request path and observability; the ML engineer /
 * model owner owns quality thresholds and the decision to roll back or retrain).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completeYaml, hoverYaml, type SchemaNode } from '../../server/src/core/schemaNav';
import { runbookSchema } from '../../server/src/core/runbook/schema';
import { lintText, VALID } from './runbook-helpers';

const RB = runbookSchema as unknown as SchemaNode;

test('completion under owners offers model, described as the model owner of quality thresholds and the rollback-or-retrain decision', () => {
  const text = 'metadata:\n  owners:\n    team: ml-platform\n    ';
  const items = completeYaml(RB, text, text.length);
  const model = items.find((i) => i.label === 'model');
  assert.ok(model, items.map((i) => i.label).join(','));
  assert.equal(model.required, false);
  assert.match(model.documentation!, /ML engineer and model owner/);
  assert.match(model.documentation!, /quality thresholds and the decision to roll back or retrain/);
  assert.match(model.documentation!, /drift alerts that fire into a vacuum/);
  const team = items.find((i) => i.label === 'escalation');
  assert.ok(team);
});

test('hover on owners.team and owners.model states the split', () => {
  const text = 'metadata:\n  owners:\n    team: ml-platform\n    model: "@fraud-model-owners"\n';
  const t = hoverYaml(RB, text, text.indexOf('team') + 1)!;
  assert.match(t.markdown, /the request path and observability infrastructure/);
  const m = hoverYaml(RB, text, text.indexOf('model:') + 1)!;
  assert.match(m.markdown, /^\*\*model\*\* — `string`/);
  assert.match(m.markdown, /quality thresholds and the decision to roll back or retrain/);
});

test('owners.model is a known key (no RB001), and an empty one is a schema error, not RB011', () => {
  assert.deepEqual(lintText(VALID), []);
  const empty = lintText(VALID.replace('    model: "@fraud-model-owners"\n', '    model: ""\n'));
  assert.deepEqual(empty.map((f) => f.code), ['RB001']);
  const unknown = lintText(VALID.replace('    model: "@fraud-model-owners"\n', '    model: "@fraud-model-owners"\n    modle: x\n'));
  assert.deepEqual(unknown.map((f) => f.code), ['RB001']);
});
