/** One front-matter splitter: classification, the post-mortem parse and completion agree on every text. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitFrontMatter } from '../../server/src/core/frontMatter';
import { detectKind, isPostmortemText } from '../../server/src/core/index';
import { parsePostmortem } from '../../server/src/core/postmortem/parse';
import { frontMatterRegion } from '../../server/src/core/schemaNav';

const texts: Array<[name: string, text: string, postmortem: boolean]> = [
  ['plain', '---\nkind: postmortem\n---\n# X\n', true],
  ['trailing space after the opening fence', '--- \nkind: postmortem\n---\n# X\n', true],
  ['trailing tab after the closing fence', '---\nkind: postmortem\n---\t\n# X\n', true],
  ['closed by ...', '---\nkind: postmortem\n...\n# X\n', true],
  ['CRLF', '---\r\nkind: postmortem\r\n---\r\n# X\r\n', true],
  ['CR only', '---\rkind: postmortem\r---\r# X\r', true],
  ['BOM', '\uFEFF---\nkind: postmortem\n---\n', true],
  ['closing fence at the end of the text', '---\nkind: postmortem\n---', true],
  ['unclosed', '---\nkind: postmortem\n# X\n', false],
  ['not on the first line', '\n---\nkind: postmortem\n---\n', false],
  ['another kind', '---\nkind: runbook\n---\n', false],
  ['kind split over lines is no kind', '---\nkind:\npostmortem\n---\n', false],
  ['a thematic break, not a fence', '----\nkind: postmortem\n----\n', false],
];

for (const [name, text, postmortem] of texts) {
  test(`front matter, ${name}: classification, parse and completion agree`, () => {
    const split = splitFrontMatter(text);
    assert.equal(isPostmortemText(text), postmortem);
    assert.equal(detectKind('notes.md', text), postmortem ? 'postmortem' : undefined);
    const pm = parsePostmortem(text);
    const region = frontMatterRegion(text);
    if (split.kind === 'closed') {
      assert.ok(pm.frontMatter, 'the parse sees the front matter the splitter found');
      assert.equal(pm.frontMatter.contentStart, split.span.contentStart);
      assert.equal(pm.frontMatter.contentEnd, split.span.contentEnd);
      assert.deepEqual(region, { start: split.span.contentStart, end: split.span.contentEnd });
      if (postmortem) assert.equal(pm.meta.kind, 'postmortem');
    } else {
      assert.equal(pm.frontMatter, undefined);
      assert.equal(pm.unclosedFrontMatter, split.kind === 'unclosed');
      assert.deepEqual(region, split.kind === 'unclosed' ? { start: split.contentStart, end: text.length } : undefined);
    }
  });
}

test('the closing fence is found in linear time on hostile lines', () => {
  const text = '---\n' + ('---' + ' '.repeat(50_000) + 'x\n').repeat(20) + '---\n';
  const t0 = performance.now();
  const split = splitFrontMatter(text);
  assert.equal(split.kind, 'closed');
  assert.ok(performance.now() - t0 < 500, `took ${performance.now() - t0} ms`);
});
