/** HTML comments removed by a scan: the same as the pattern it replaces, and linear on unclosed `<!--`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { replaceHtmlComments } from '../../server/src/core/htmlComments';
import { lint } from '../../server/src/core/index';

test('replaceHtmlComments equals the regular expression it replaces, on random text', () => {
  const piece = fc.constantFrom('<!--', '-->', '<!-->', '-', '<', '!', '>', 'a', ' ', '\n');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
      const s = parts.join('');
      assert.equal(replaceHtmlComments(s), s.replace(/<!--[\s\S]*?-->/g, ''));
      assert.equal(replaceHtmlComments(s, (m) => ' '.repeat(m.length)), s.replace(/<!--[\s\S]*?-->/g, (m) => ' '.repeat(m.length)));
    }),
    { numRuns: 2000, seed: 20261205 },
  );
});

test('many unclosed <!-- in a post-mortem: linted in bounded time (the pattern was quadratic)', () => {
  const line = '<!-- '.repeat(60_000);
  const text = `---\nkind: postmortem\ntitle: t\nseverity: SEV2\nstatus: draft\nincidentStart: 2026-11-20T09:14Z\ndetected: 2026-11-20T10:00Z\n---\n# T\n\n## Detection gap\n\n${line}\n\n## Action items\n\n- [ ] ${line}\n`;
  const t0 = performance.now();
  lint('x.postmortem.md', text, { now: new Date('2026-12-01T00:00:00Z') });
  const ms = performance.now() - t0;
  assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms`);
});
