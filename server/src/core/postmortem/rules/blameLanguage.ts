import type { PostmortemRule } from '../context';
import type { ParsedPostmortem } from '../parse';

interface BlamePattern {
  re: RegExp;
  hint: string;
  /** Applies the "capitalised word that is never written lower-case" test to group 1 (a person's name). */
  nameGroup?: boolean;
  /** A cheap necessary condition of `re` on a line: lines it does not match are not scanned with `re`. */
  need?: RegExp;
}

/** The built-in blame patterns, each with a blameless rewrite hint. */
export const BLAME_PATTERNS: readonly BlamePattern[] = [
  { re: /\b(?:human|operator|engineer|manual)[- ]errors?\b/gi, hint: 'describe the conditions that made the slip possible (no review step, unclear tooling, a missing guardrail)' },
  // `need`: the `'s ` every match contains (`ſ` folds to `s` under the `iu` flags). The pattern itself tries every word start of a line.
  { re: /(?!(?:nobody|anybody|anyone|no one)['’])(?:@[\w-]+(?:\.[\w-]+)*|(?<![\p{L}.-])[\p{L}][\p{L}.-]*)['’]s (?:fault|mistake|error)\b/giu, hint: 'name the system condition that failed, not a person', need: /['’][sSſ] / },
  { re: /\b(?:is|was|were|are) (?:to blame|at fault)\b|\bfault of\b/gi, hint: 'name the system condition that failed, not a person' },
  { re: /\bcareless(?:ly|ness)?\b/gi, hint: 'describe what the process allowed (e.g. "the deploy tool did not require a review")' },
  { re: /\bshould(?: have|'ve) (?:known|noticed|realized|realised|caught it|been more careful)\b/gi, hint: 'describe what information was not available at the time and how to surface it' },
  { re: /\bnegligen(?:t|tly|ce)\b/gi, hint: 'describe the missing safeguard instead of judging a person' },
  { re: /\b(?:caused|triggered|broken|started|introduced) by @[\w-]+(?:\.[\w-]+)*/gi, hint: 'name the change or the system that caused it (e.g. "caused by a schema change in the feature pipeline")' },
  { re: /@[\w-]+(?:\.[\w-]+)* (?:broke|caused|forgot|messed up|screwed up|failed to)\b/gi, hint: 'name the change or the missing safeguard, not the person (e.g. "the deploy skipped the schema check")' },
  { re: /\b([A-Z][a-z]{1,20}) (?:broke|forgot|messed up|screwed up)\b/g, hint: 'name the change or the missing safeguard, not the person', nameGroup: true },
];

/**
 * A necessary condition of every built-in pattern (case-insensitive): lines without any of these words
 * cannot match, so only the configured extra terms run on them. Most prose lines contain none, and
 * running all the patterns on every line cost as much as the markdown-it parse. A new built-in pattern
 * must add its key word here.
 */
export const BLAME_HINT = /error|fault|mistake|blame|careless|should(?: have|'ve)|negligen|@|broke|forgot|messed up|screwed up/i;

const NOT_NAMES = new Set(['The', 'This', 'That', 'It', 'We', 'They', 'He', 'She', 'I', 'You', 'Someone', 'Nobody', 'Everyone', 'Something', 'Nothing', 'Which', 'What', 'Who', 'Then', 'When', 'Also', 'And', 'But', 'So']);

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function termRe(term: string): RegExp {
  const t = term.trim();
  const pre = /^\w/.test(t) ? '\\b' : '';
  const post = /\w$/.test(t) ? '\\b' : '';
  return new RegExp(`${pre}${escapeRe(t)}${post}`, 'gi');
}

/**
 * The lines of the body that prose checks scan, with code spans, HTML comments and link targets
 * blanked out (same length, so offsets stay exact). Fenced/indented code and blockquotes (quoted
 * logs) are skipped entirely. With `wanted`, only the lines whose source it accepts are returned
 * (the others are read only as far as an HTML comment spanning lines requires).
 */
export function proseLines(pm: ParsedPostmortem, wanted?: (source: string) => boolean): Array<{ line: number; start: number; text: string }> {
  const out: Array<{ line: number; start: number; text: string }> = [];
  const blank = (m: string) => ' '.repeat(m.length);
  let inComment = false;
  for (let l = pm.bodyLine; l < pm.lines.lineCount; l++) {
    if (pm.codeLines.has(l) || pm.quoteLines.has(l)) continue;
    const start = pm.lines.lineStart(l);
    const end = pm.lines.offsetAt({ line: l, character: Number.MAX_SAFE_INTEGER });
    let text = pm.text.slice(start, end);
    const want = !wanted || wanted(text);
    // A line nobody wants matters only for the comment state, and only when it is in or opens a comment.
    if (!want && !inComment && text.indexOf('<!--') === -1) continue;
    if (inComment) {
      const close = text.indexOf('-->');
      if (close === -1) continue;
      text = blank(text.slice(0, close + 3)) + text.slice(close + 3);
      inComment = false;
    }
    // Each replacement needs a literal the line may not contain; skip the regex then.
    if (text.includes('`')) text = blankCodeSpans(text);
    if (text.includes('<!--')) text = blankBetween(text, '<!--', '-->');
    if (text.includes('](')) text = blankBetween(text, '](', ')');
    if (text.includes('<http')) text = blankBetween(text, '<http', '>', /^<https?:/);
    const open = text.indexOf('<!--');
    if (open !== -1) {
      text = text.slice(0, open) + blank(text.slice(open));
      inComment = true;
    }
    if (want) out.push({ line: l, start, text });
  }
  return out;
}

/**
 * Blanks every `open … close` span of a line (`open` through the first `close` after it);
 * with `valid`, only spans whose text from `open` on it matches. Linear: an unclosed `open` ends the
 * scan, where the regular expressions used before (`/\]\([^)]*\)/g`, `/<https?:[^>]*>/g`) rescanned
 * the rest of the line from every later `open` (quadratic on `](` × 90,000).
 */
function blankBetween(text: string, open: string, close: string, valid?: RegExp): string {
  let out = '';
  let from = 0;
  for (let i = text.indexOf(open); i !== -1; i = text.indexOf(open, i + 1)) {
    const e = text.indexOf(close, i + open.length);
    if (e === -1) break;
    if (valid && !valid.test(text.slice(i, i + 8))) continue;
    out += text.slice(from, i) + ' '.repeat(e + close.length - i);
    from = e + close.length;
    i = from - 1;
  }
  return from ? out + text.slice(from) : text;
}

/**
 * Blanks inline code spans: a run of backticks through the next run of the same length (CommonMark).
 * Linear: the runs are listed once and each is matched with the next run of its length, where
 * `/(`+)[\s\S]*?\1/g` backtracked polynomially on long runs of backticks.
 */
function blankCodeSpans(text: string): string {
  const runs: Array<[number, number]> = [];
  for (let i = text.indexOf('`'); i !== -1; i = text.indexOf('`', i)) {
    let j = i;
    while (text[j] === '`') j++;
    runs.push([i, j - i]);
    i = j;
  }
  // For each run, the next run of the same length (scanned from the right).
  const next = new Array<number>(runs.length).fill(-1);
  const lastOfLength = new Map<number, number>();
  for (let r = runs.length - 1; r >= 0; r--) {
    const len = runs[r]![1];
    next[r] = lastOfLength.get(len) ?? -1;
    lastOfLength.set(len, r);
  }
  let out = '';
  let from = 0;
  for (let r = 0; r < runs.length; r++) {
    const c = next[r]!;
    if (c === -1) continue;
    const s = runs[r]![0];
    const e = runs[c]![0] + runs[c]![1];
    out += text.slice(from, s) + ' '.repeat(e - s);
    from = e;
    r = c;
  }
  return from ? out + text.slice(from) : text;
}

/**
 * PM008 — blame language.
 *
 * Rationale: blameless post-mortems name conditions, not culprits; people stop reporting what they
 * saw when the write-up assigns fault. Flags "human error", "X's fault", "careless", "should have
 * known", "negligent" and naming a person as the cause ("caused by @alice", "Bob broke …"), each with
 * a rewrite hint. `blameless.extraTerms` adds phrases; `blameless.allow` exempts phrases. Never fires
 * inside inline code, fenced code or blockquotes (quoted log lines and messages).
 *
 * "Bob broke" is recognised as a name only when the capitalised word never appears in lower case in
 * the file (so "Pipeline broke" is not a person when the file also says "pipeline").
 */
export const blameLanguageRule: PostmortemRule = {
  id: 'PM008',
  name: 'blame-language',
  description: 'Blame language ("human error", "X\'s fault", "careless", naming a person as the cause) with a blameless rewrite hint.',
  defaultSeverity: 'warning',
  check(ctx, report) {
    const { pm } = ctx;
    const { extraTerms, allow } = ctx.env.config.blameless;
    const allowRes = allow.filter((a) => a.trim()).map(termRe);
    const allowLower = allow.map((a) => a.trim().toLowerCase()).filter(Boolean);
    const patterns: BlamePattern[] = [
      ...BLAME_PATTERNS,
      ...extraTerms.filter((t) => t.trim()).map((t) => ({ re: termRe(t), hint: 'configured as blame language for this project (blameless.extraTerms): describe the condition instead' })),
    ];
    let lowerWords: Set<string> | undefined;
    const lowerWord = (w: string): boolean => {
      lowerWords ??= new Set(pm.text.match(/\b[a-z]{2,}\b/g) ?? []);
      return lowerWords.has(w.toLowerCase());
    };
    const extraOnly = patterns.slice(BLAME_PATTERNS.length);
    // Without extra terms only lines with a hint word can match anything: the others are not even
    // blanked. (Blanking code spans, comments and link targets never creates a hint word, so a line
    // whose source has none has none after blanking either.)
    for (const { start, text } of proseLines(pm, extraOnly.length ? undefined : (source) => BLAME_HINT.test(source))) {
      const taken: Array<[number, number]> = [];
      for (const p of BLAME_HINT.test(text) ? patterns : extraOnly) {
        if (p.need && !p.need.test(text)) continue;
        p.re.lastIndex = 0;
        for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
          if (m[0].length === 0) {
            p.re.lastIndex++;
            continue;
          }
          const s = m.index;
          const e = m.index + m[0].length;
          if (p.nameGroup && (NOT_NAMES.has(m[1]!) || lowerWord(m[1]!))) continue;
          if (taken.some(([a, b]) => s < b && e > a)) continue;
          const found = m[0].toLowerCase();
          if (allowLower.some((a) => found === a || found.includes(a))) continue;
          if (allowRes.some((re) => {
            re.lastIndex = 0;
            for (let x = re.exec(text); x; x = re.exec(text)) {
              if (x[0].length === 0) break;
              if (x.index <= s && x.index + x[0].length >= e) return true;
            }
            return false;
          })) continue;
          taken.push([s, e]);
          report({ message: `Blame language "${m[0]}": ${p.hint}.`, start: start + s, end: start + e });
        }
      }
    }
  },
};
