/**
 * Every regular expression literal in the product's source (server/src, client/src) is screened with
 * the ReDoS checker `recheck` (its native build when installed, else its pure-JavaScript backend,
 * both from the npm registry; nothing is downloaded at run time). A pattern it finds vulnerable, or
 * cannot decide, fails the test unless it is listed below with the reason it is harmless; a listed
 * pattern that no longer occurs in the source fails too, so the list stays true.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { checkSync } from 'recheck';
import { ROOT } from './runbook-helpers';

/** Patterns the checker flags as vulnerable (or cannot decide in time), each with why it is bounded on user text. */
const ALLOWED: Record<string, string> = {
  '/(^|\\W)[*_](\\S(?:.*?\\S)?)[*_](?=\\W|$)/g': 'postmortem/parse.ts plain(): applied only to cells and answers of at most PLAIN_MAX (2,000) characters',
  '/<!--\\s*ml-runbooks-disable-next-line\\b([\\s\\S]*?)-->/g':
    'suppress.ts: run only on the text up to its last `-->`, so every start has a closer and the global scan resumes after it (linear)',
  "/(?!(?:nobody|anybody|anyone|no one)['’])(?:@[\\w-]+(?:\\.[\\w-]+)*|(?<![\\p{L}.-])[\\p{L}][\\p{L}.-]*)['’]s (?:fault|mistake|error)\\b/giu":
    "PM008: the checker times out; starts only at '@' or at the first letter of a run of letters, dots and hyphens, so runs do not overlap (hostile-input.test.ts times it on adversarial lines)",
  '/@[\\w-]+(?:\\.[\\w-]+)* (?:broke|caused|forgot|messed up|screwed up|failed to)\\b/gi':
    "PM008: the checker times out; starts only at '@' and `[\\w-]+` / `\\.` cannot overlap (hostile-input.test.ts times it on adversarial lines)",
};

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Every regular-expression literal of the source, with the first place it occurs. */
function literals(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of [...sourceFiles(join(ROOT, 'server', 'src')), ...sourceFiles(join(ROOT, 'client', 'src'))]) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(sf);
        if (!found.has(text)) found.set(text, `${relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

test('no regular expression in the source backtracks catastrophically (recheck)', (t) => {
  const all = literals();
  assert.ok(all.size > 100, `only ${all.size} literals found`);
  const bad: string[] = [];
  const undecided: string[] = [];
  for (const [text, where] of all) {
    if (ALLOWED[text]) continue;
    const slash = text.lastIndexOf('/');
    const r = checkSync(text.slice(1, slash), text.slice(slash + 1), { timeout: 3000 });
    if (r.status === 'vulnerable') bad.push(`${where} ${text} → ${r.complexity.type}, attack: ${r.attack.pattern.slice(0, 80)}`);
    // A pattern the checker cannot decide in time (it depends on the machine's load) is listed, not failed.
    else if (r.status !== 'safe') undecided.push(`${where} ${text} → ${r.status}`);
  }
  if (undecided.length) t.diagnostic(`undecided within the time limit:\n${undecided.join('\n')}`);
  assert.deepEqual(bad, [], `unsafe regular expressions:\n${bad.join('\n')}`);
  const stale = Object.keys(ALLOWED).filter((t) => !all.has(t));
  assert.deepEqual(stale, [], 'allowed patterns no longer in the source: remove them from ALLOWED');
});

test('the checker itself flags a known catastrophic pattern (the test can fail)', () => {
  const r = checkSync('\\s+#+\\s*$', '', { timeout: 3000 });
  assert.equal(r.status, 'vulnerable');
});
