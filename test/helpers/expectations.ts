/**
 * Fixture files carry their expected findings inline, on the line where each finding starts:
 *   YAML:      `key: value   # expect: RB003`            (several: `# expect: RB003, RB001`)
 *   Markdown:  `text <!-- expect: PM008 -->`
 * A fixture with no `expect:` marker must lint clean (no findings at all, hints included).
 * `expect-none` anywhere is not needed: absence means none.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lint, LineIndex, type LintEnv, type Finding } from '../../server/src/core/index';

export interface Expectation {
  code: string;
  /** 1-based line. */
  line: number;
}

const MARK = /(?:#|<!--)\s*expect:\s*([A-Z]{2}\d{3}(?:\s*,\s*[A-Z]{2}\d{3})*)/g;

/** Reads the `expect:` markers of a fixture text. */
export function expectedFindings(text: string): Expectation[] {
  const out: Expectation[] = [];
  const lines = text.split('\n');
  lines.forEach((l, i) => {
    MARK.lastIndex = 0;
    for (let m = MARK.exec(l); m; m = MARK.exec(l)) {
      for (const code of m[1]!.split(',')) out.push({ code: code.trim(), line: i + 1 });
    }
  });
  return sortExp(out);
}

/** The (code, 1-based start line) pairs of actual findings. */
export function actualFindings(text: string, findings: Finding[]): Expectation[] {
  const idx = new LineIndex(text);
  return sortExp(findings.map((f) => ({ code: f.code, line: idx.positionAt(f.start).line + 1 })));
}

function sortExp(a: Expectation[]): Expectation[] {
  return a.sort((x, y) => x.line - y.line || x.code.localeCompare(y.code));
}

/** Lints every fixture in a folder and returns [file, expected, actual, findings] for each. */
export function lintFixtureDir(dir: string, env: LintEnv = {}, filter: (name: string) => boolean = () => true) {
  return readdirSync(dir)
    .filter(filter)
    .sort()
    .map((name) => {
      const file = join(dir, name);
      const text = readFileSync(file, 'utf8');
      const { findings } = lint(file, text, env);
      return { name, file, text, expected: expectedFindings(text), actual: actualFindings(text, findings), findings };
    });
}
