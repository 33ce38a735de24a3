// Protocol tests of the post-mortem quick fixes that speak the playbook's template: the built server
// over stdio offers them as code actions, and applying the returned edit clears the finding and
// writes the playbook's wording.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, ROOT, editsFor, fileUri } from './lspClient';
import { applyLspEdits } from '../helpers/edits';

const TEMPLATE = readFileSync(join(ROOT, 'test', 'fixtures', 'postmortems', 'playbook-template-answered.postmortem.md'), 'utf8');
const msg = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

describe('post-mortem quick fixes over stdio', { timeout: 30000 }, () => {
  let client: LspClient;
  let root: string;
  let n = 0;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'mlrb-pmfix-'));
    ({ client } = await LspClient.start(root));
  });
  after(() => {
    client.kill();
    rmSync(root, { recursive: true, force: true });
  });

  /** Opens `text`, finds the diagnostic `pick` selects, applies its first quick fix; returns the new text and diagnostics. */
  async function fix(text: string, pick: (d: Diagnostic) => boolean): Promise<{ before: Diagnostic; fixed: string; after: Diagnostic[]; action: CodeAction }> {
    const uri = fileUri(join(root, `case-${++n}.postmortem.md`));
    await client.open(uri, 'ml-postmortem', text, 1);
    const ds = await client.diagnostics(uri, 1);
    const d = ds.find(pick);
    assert.ok(d, `no such diagnostic among:\n${ds.map((x) => `${x.code} ${msg(x)}`).join('\n')}`);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
    assert.ok(actions.length >= 1, `no quick fix for ${msg(d)}`);
    const action = actions[0]!;
    assert.equal(action.kind, 'quickfix');
    const fixed = applyLspEdits(text, editsFor(action.edit!, uri));
    await client.change(uri, 2, fixed);
    return { before: d, fixed, after: await client.diagnostics(uri, 2), action };
  }

  test('PM002: the missing "Model and data state" is inserted in the playbook\'s words, between its neighbours', async () => {
    const sec = TEMPLATE.slice(TEMPLATE.indexOf('### Model and data state at incident time'), TEMPLATE.indexOf('### Detection gap'));
    const text = TEMPLATE.replace(sec, '');
    const r = await fix(text, (d) => d.code === 'PM002' && /Model and data state/.test(msg(d)));
    assert.match(r.action.title, /Insert the "Model and data state" section/);
    assert.ok(
      r.fixed.includes(
        '### Model and data state at incident time\n\n- Model version in production at incident start:\n- Last deploy timestamp:\n- Feature pipeline last successful run:\n- Reference dataset / training cut-off date:\n\n### Detection gap',
      ),
      r.fixed,
    );
    assert.ok(!r.after.some((d) => d.code === 'PM002'));
    // What is left: the four fields to fill in.
    assert.deepEqual(r.after.map((d) => d.code), ['PM005', 'PM005', 'PM005', 'PM005']);
  });

  test('PM002 on a CRLF file keeps CRLF line breaks', async () => {
    const crlf = TEMPLATE.replace(TEMPLATE.slice(TEMPLATE.indexOf('### Detection gap'), TEMPLATE.indexOf('### Action items')), '').replace(/\n/g, '\r\n');
    const r = await fix(crlf, (d) => d.code === 'PM002' && /Detection gap/.test(msg(d)));
    assert.ok(!/[^\r]\n/.test(r.fixed), 'CRLF kept');
    assert.ok(r.fixed.includes('### Detection gap\r\n\r\n- How long between incident start and page? 1h48m\r\n- Which signal detected it first?\r\n'), r.fixed);
  });

  test('PM004: a missing drift/quality question is added as the playbook asks it', async () => {
    const text = TEMPLATE.replace(/^- Was label lag a contributing factor\?.*\n/m, '');
    const r = await fix(text, (d) => d.code === 'PM004' && /does not ask "Was label lag a contributing factor\?"/.test(msg(d)));
    assert.match(r.fixed, /\n- Was label lag a contributing factor\? \n\n### Model and data state/);
    assert.ok(!r.after.some((d) => /does not ask/.test(msg(d))));
    assert.deepEqual(r.after.map((d) => [d.code, msg(d).slice(0, 48)]), [['PM004', 'Unanswered: "Was label lag a contributing factor']]);
  });

  test('PM005: a missing field is added with the template\'s name', async () => {
    const text = TEMPLATE.replace(/^- Last deploy timestamp:.*\n/m, '');
    const r = await fix(text, (d) => d.code === 'PM005' && /"Last deploy timestamp:"/.test(msg(d)));
    assert.match(r.fixed, /\n- Reference dataset \/ training cut-off date: 2026-09-30\n- Last deploy timestamp: \n/);
    assert.ok(!r.after.some((d) => /does not record/.test(msg(d))));
  });

  test('PM006: an unanswered "How long between incident start and page?" is answered with the computed gap', async () => {
    const text = TEMPLATE.replace('- How long between incident start and page? 1h48m', '- How long between incident start and page?');
    const r = await fix(text, (d) => d.code === 'PM006' && /Unanswered: "How long between incident start and page\?"/.test(msg(d)));
    assert.match(r.fixed, /\n- How long between incident start and page\? 1h48m\n/);
    assert.deepEqual(r.after, []);
  });

  test('PM006: a missing "Which signal detected it first?" is added', async () => {
    const text = TEMPLATE.replace(/^- Which signal detected it first\?.*\n/m, '');
    const r = await fix(text, (d) => d.code === 'PM006' && /does not ask "Which signal detected it first\?"/.test(msg(d)));
    assert.match(r.fixed, /\n- Which signal detected it first\? \n/);
    assert.deepEqual(r.after.map((d) => [d.code, msg(d).slice(0, 45)]), [['PM006', 'Unanswered: "Which signal detected it first?"']]);
  });
});
