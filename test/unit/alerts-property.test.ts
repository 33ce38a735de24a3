/**
 * Property: a Sloth-generated multi-window alert and a runbook documenting the same tiers agree; mutating
 * one tier's factor or one window in the rule yields exactly one AL004 in the rule file and one in the runbook.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AlertGraph, SLOTH_TIERS, lint, parseDuration, type Finding } from '../../server/src/core/index';

interface Tier { long: number; short: number; factor: number }

const RUNS = Number(process.env.PROPERTY_RUNS ?? 100);
const SEED = process.env.PROPERTY_SEED === 'random' ? undefined : Number(process.env.PROPERTY_SEED ?? 20261125);
const OPTS = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };

const mins = (m: number) => (m % 60 === 0 ? `${m / 60}h` : `${m}m`);

function slothRule(tiers: readonly Tier[], budget: number): string {
  const side = (w: number, f: number) =>
    `max(slo:sli_error:ratio_rate${mins(w)}{sloth_id="svc-availability", sloth_service="svc", sloth_slo="availability"} > (${f} * ${budget})) without (sloth_window)`;
  const branches = tiers.map((t) => `(\n    ${side(t.short, t.factor)}\n    and\n    ${side(t.long, t.factor)}\n)`);
  const expr = branches.join('\nor\n').split('\n').map((l) => `          ${l}`).join('\n');
  return `groups:
  - name: sloth-slo-alerts-svc-availability
    rules:
      - alert: SvcAvailabilityBurn
        expr: |
${expr}
        labels:
          sloth_severity: page
        annotations:
          runbook_url: runbooks/svc.runbook.yaml
`;
}

function runbook(tiers: readonly Tier[], objective: number): string {
  const alerts = tiers
    .map((t) => `      - severity: page\n        longWindow: ${mins(t.long)}\n        shortWindow: ${mins(t.short)}\n        burnRate: ${t.factor}\n`)
    .join('');
  return `apiVersion: ml-runbooks/v1
kind: Runbook
metadata:
  name: svc-availability
  title: Service availability burn
signal:
  summary: The service burns its availability budget
  alert: SvcAvailabilityBurn
  slo: availability
slos:
  - name: availability
    objective: ${objective}
    period: 30d
    alerts:
${alerts}`;
}

const TIERS: Tier[] = SLOTH_TIERS.map((t) => {
  const long = parseDuration(t.longWindow)! / 60;
  return { long, short: parseDuration(t.shortWindow)! / 60, factor: Math.round(((t.budgetConsumed * 30 * 24 * 60) / long) * 1000) / 1000 };
});

function al004(objective: number, ruleTiers: Tier[], docTiers: Tier[]): { rule: Finding[]; runbook: Finding[] } {
  const g = new AlertGraph();
  const budget = Math.round((1 - objective / 100) * 1e9) / 1e9;
  const rules = slothRule(ruleTiers, budget);
  const rb = runbook(docTiers, objective);
  g.setRuleFile('svc.rules.yaml', rules);
  g.setRunbook('runbooks/svc.runbook.yaml', rb);
  const only = (fs: Finding[]) => fs.filter((f) => f.code === 'AL004');
  return {
    rule: only(lint('svc.rules.yaml', rules, { alerts: g }).findings),
    runbook: only(lint('runbooks/svc.runbook.yaml', rb, { alerts: g }).findings),
  };
}

const case_ = fc.record({
  objective: fc.constantFrom(99, 99.5, 99.9, 99.95, 99.99),
  count: fc.integer({ min: 1, max: TIERS.length }),
  which: fc.nat(),
  what: fc.constantFrom('factor', 'long', 'short'),
  scale: fc.oneof(fc.double({ min: 1.2, max: 4, noNaN: true }), fc.double({ min: 0.2, max: 0.8, noNaN: true })),
});

test('unmutated: the rule and the runbook agree (no AL004)', () => {
  fc.assert(
    fc.property(case_, ({ objective, count }) => {
      const tiers = TIERS.slice(0, count);
      const r = al004(objective, tiers, tiers);
      assert.deepEqual([r.rule.length, r.runbook.length], [0, 0]);
    }),
    OPTS,
  );
});

test('one factor or one window mutated in the rule: exactly one AL004 per side', () => {
  fc.assert(
    fc.property(case_, ({ objective, count, which, what, scale }) => {
      const tiers = TIERS.slice(0, count);
      const i = which % tiers.length;
      const mutated = tiers.map((t) => ({ ...t }));
      const m = mutated[i]!;
      if (what === 'factor') m.factor = Math.round(m.factor * scale * 1000) / 1000;
      else if (what === 'long') m.long = Math.max(m.short + 5, Math.round(m.long * (scale > 1 ? 2 : 0.5)));
      else m.short = Math.max(1, Math.min(m.long - 1, Math.round(m.short * (scale > 1 ? 2 : 0.5))));
      const r = al004(objective, mutated, tiers);
      assert.equal(r.rule.length, 1, r.rule.map((f) => f.message).join('\n'));
      assert.equal(r.runbook.length, 1, r.runbook.map((f) => f.message).join('\n'));
      assert.ok(r.runbook[0]!.fixes?.length, 'the runbook side has a quick fix');
    }),
    OPTS,
  );
});
