// The bundles validate with the validators esbuild.mjs precompiles (ajv standalone code from
// standaloneValidatorsModule()); the sources compile them at run time (schemaValidator()). Both must
// give the same verdict and the same errors (messages, ranges and fixes are built from them) on every
// fixture.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { VALIDATOR_NAMES, schemaValidator, standaloneValidatorsModule } from '../../server/src/core/schemaValidators';
import type { ValidatorName } from '../../server/src/core/schemaValidators';
import { parseRunbookFile } from '../../server/src/core/runbook/parse';
import { parsePostmortem } from '../../server/src/core/postmortem/parse';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const CORE = join(import.meta.dirname, '..', '..', 'server', 'src', 'core');

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ya?ml|md)$/.test(name)) out.push(p);
  }
  return out;
}

/** Every value a validator sees in the fixtures: runbook documents and post-mortem front matter. */
function fixtureValues(): Array<{ where: string; value: unknown }> {
  const out: Array<{ where: string; value: unknown }> = [];
  for (const file of walk(FIXTURES)) {
    const text = readFileSync(file, 'utf8');
    const rel = relative(FIXTURES, file).replace(/\\/g, '/');
    if (file.endsWith('.md')) {
      const fm = parsePostmortem(text).frontMatter;
      if (fm && fm.value !== undefined) out.push({ where: `${rel} (front matter)`, value: fm.value });
    } else {
      for (const d of parseRunbookFile(text).docs) if (d.value !== undefined && !d.unusable) out.push({ where: `${rel} (document ${d.index})`, value: d.value });
    }
  }
  return out;
}

function precompiled(): (name: ValidatorName) => ValidateFunction {
  const source = standaloneValidatorsModule();
  const mod = { exports: {} as { schemaValidator: (name: ValidatorName) => ValidateFunction } };
  new Function('module', 'exports', 'require', source)(mod, mod.exports, createRequire(join(CORE, 'schemaValidators.ts')));
  return mod.exports.schemaValidator;
}

describe('schema validators: precompiled (bundles) and compiled at run time (sources)', () => {
  const standalone = precompiled();
  const values = fixtureValues();

  test('the precompiled module needs only ajv runtime helpers and ajv-formats, not the ajv compiler', () => {
    const requires = [...standaloneValidatorsModule().matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!);
    assert.ok(requires.length > 0);
    for (const r of requires) assert.match(r, /^(ajv\/dist\/runtime\/|ajv-formats\/dist\/formats$)/, r);
  });

  test('the fixtures give both validators valid and invalid values to check', () => {
    assert.ok(values.length >= 40, `${values.length} values`);
    const verdicts = new Set(values.map((v) => schemaValidator('runbook')(v.value)));
    assert.deepEqual([...verdicts].sort(), [false, true]);
    const fm = new Set(values.filter((v) => v.where.endsWith('(front matter)')).map((v) => schemaValidator('postmortemFrontmatter')(v.value)));
    assert.deepEqual([...fm].sort(), [false, true]);
  });

  for (const name of VALIDATOR_NAMES) {
    test(`${name}: same verdict and errors on every fixture value`, () => {
      const runtime = schemaValidator(name);
      const pre = standalone(name);
      assert.notEqual(pre, runtime);
      for (const { where, value } of values) {
        const a = runtime(value);
        const errorsA = structuredClone(runtime.errors ?? null);
        const b = pre(value);
        const errorsB = structuredClone(pre.errors ?? null);
        assert.equal(b, a, where);
        assert.deepEqual(errorsB, errorsA, where);
      }
    });
  }
});
