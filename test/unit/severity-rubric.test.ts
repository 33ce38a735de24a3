/**
 * The severity rubric is the playbook's, word for word: in the core module both hovers read, in the
 * schemas' enum descriptions (completion and the YAML extension show them), and on hover over a
 * runbook's `severity.default` / `escalations[].to` or a post-mortem's front-matter `severity`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SEVERITY_RUBRIC, rubricLine, severityRubricHover, isSeverityPath } from '../../server/src/core/severityRubric';
import { completeYaml, hoverYaml, frontMatterRegion, type SchemaNode } from '../../server/src/core/schemaNav';
import { runbookSchema } from '../../server/src/core/runbook/schema';
import { postmortemFrontmatterSchema } from '../../server/src/core/postmortem/schema';

/** The playbook's "Severity and ownership" rubric, as printed there. */
const PLAYBOOK = `SEV1: Wrong predictions affecting users at scale, or full serving outage.
      Page on-call immediately; consider rollback or fallback before root-cause.
SEV2: Quality degraded on a slice, or latency SLO burning fast.
      Page on-call; mitigate within the hour.
SEV3: Drift detected, no user-visible impact yet.
      Ticket; investigate in business hours.`;

const RB = runbookSchema as unknown as SchemaNode;
const PM = postmortemFrontmatterSchema as unknown as SchemaNode;

test('the core rubric is the playbook rubric verbatim', () => {
  const printed = SEVERITY_RUBRIC.map((e) => `${e.level}: ${e.impact}\n      ${e.response}`).join('\n');
  assert.equal(printed, PLAYBOOK);
});

test('the schemas quote the rubric as the enum descriptions of every severity', () => {
  const lines = SEVERITY_RUBRIC.map(rubricLine);
  const bold = SEVERITY_RUBRIC.map((e) => `**${e.level}**: ${e.impact} ${e.response}`);
  const sev = (RB.properties as Record<string, SchemaNode>).severity!;
  const def = (sev.properties as Record<string, Record<string, unknown>>).default!;
  const to = ((sev.properties as Record<string, SchemaNode>).escalations!.items as SchemaNode & { properties: Record<string, Record<string, unknown>> }).properties.to!;
  const pm = (PM.properties as Record<string, Record<string, unknown>>).severity!;
  for (const [name, node] of [['runbook severity.default', def], ['runbook escalations[].to', to], ['post-mortem severity', pm]] as const) {
    assert.deepEqual(node.enum, ['SEV1', 'SEV2', 'SEV3'], name);
    assert.deepEqual(node.enumDescriptions, lines, name);
    assert.deepEqual(node.markdownEnumDescriptions, bold, name);
  }
});

test('completion of a severity value documents each level with its rubric entry', () => {
  const text = 'severity:\n  default: ';
  const items = completeYaml(RB, text, text.length);
  assert.deepEqual(items.map((i) => [i.label, i.documentation]), SEVERITY_RUBRIC.map((e) => [e.level, `**${e.level}**: ${e.impact} ${e.response}`]));
});

const extra = (kind: 'runbook' | 'postmortem', text: string) => (t: { path: Array<string | number>; on: 'key' | 'value'; start: number; end: number }) =>
  severityRubricHover(kind, t.path, t.on === 'value' ? text.slice(t.start, t.end) : undefined);

test('hover on severity.default and escalations[].to: the rubric, the hovered level marked, before the schema text', () => {
  const text = 'severity:\n  default: SEV3\n  escalations:\n    - to: SEV2\n      when: Quality SLO breached on a slice\nslos:\n  - name: q\n    alerts:\n      - severity: page\n';
  const d = hoverYaml(RB, text, text.indexOf('SEV3') + 1, undefined, extra('runbook', text))!;
  assert.match(d.markdown, /^\*\*Severity rubric\*\*/);
  assert.ok(d.markdown.includes('- **SEV3: Drift detected, no user-visible impact yet.**  \n  **Ticket; investigate in business hours.** ← this value'), d.markdown);
  assert.ok(d.markdown.includes('- SEV1: Wrong predictions affecting users at scale, or full serving outage.  \n  Page on-call immediately; consider rollback or fallback before root-cause.'));
  assert.match(d.markdown, /---\n\n\*\*default\*\*/, 'the schema description follows');
  assert.equal(text.slice(d.start, d.end), 'SEV3');
  const e = hoverYaml(RB, text, text.indexOf('SEV2') + 2, undefined, extra('runbook', text))!;
  assert.ok(e.markdown.includes('- **SEV2: Quality degraded on a slice, or latency SLO burning fast.**'), e.markdown);
  // On the key: the rubric, nothing marked.
  const k = hoverYaml(RB, text, text.indexOf('default') + 1, undefined, extra('runbook', text))!;
  assert.match(k.markdown, /^\*\*Severity rubric\*\*/);
  assert.doesNotMatch(k.markdown, /this value/);
  // An alert tier's severity (page | ticket) is not an incident severity.
  const a = hoverYaml(RB, text, text.indexOf('page') + 1, undefined, extra('runbook', text))!;
  assert.doesNotMatch(a.markdown, /Severity rubric/);
});

test('hover on a post-mortem front-matter severity shows the same rubric', () => {
  const text = '---\nkind: postmortem\ntitle: T\nseverity: "SEV1"\nstatus: draft\n---\n# T\n';
  const fm = frontMatterRegion(text)!;
  const h = hoverYaml(PM, text, text.indexOf('SEV1') + 1, fm, extra('postmortem', text))!;
  assert.ok(h.markdown.includes('- **SEV1: Wrong predictions affecting users at scale, or full serving outage.**'), h.markdown);
});

test('severity paths', () => {
  assert.ok(isSeverityPath('runbook', ['severity', 'default']));
  assert.ok(isSeverityPath('runbook', ['severity', 'escalations', 0, 'to']));
  assert.ok(!isSeverityPath('runbook', ['severity', 'escalations', 0, 'when']));
  assert.ok(!isSeverityPath('runbook', ['slos', 0, 'alerts', 0, 'severity']));
  assert.ok(!isSeverityPath('runbook', ['severity']));
  assert.ok(isSeverityPath('postmortem', ['severity']));
  assert.equal(severityRubricHover('runbook', ['signal', 'summary'], 'SEV1'), undefined);
});
