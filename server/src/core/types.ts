/**
 * Shared types of the pure core. Everything here is offset-based (UTF-16 code-unit offsets into the
 * file text, as JavaScript strings and LSP's default position encoding use); lines and columns are
 * computed only at the edges (language server, CLI).
 */

/** Severity of a finding as shown to the user. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A rule's configured severity; `off` disables it. */
export type RuleSeverity = Severity | 'off';

/** A replacement of the text between two offsets. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** A quick fix: a title and the edits that apply it (all in the same file). */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix an editor may apply with "auto fix" / the lightbulb's first entry. */
  isPreferred?: boolean;
}

/** Related location in the same or another file (e.g. the other definition of a duplicate name). */
export interface RelatedInformation {
  /** Path or URI of the related file, as given to the core. */
  file: string;
  start: number;
  end: number;
  /** 0-based line/character when the related file is not the linted one (offsets need its text). */
  line?: number;
  character?: number;
  message: string;
}

/** One problem found in a file. */
export interface Finding {
  /** Stable rule code, e.g. `RB001`. */
  code: string;
  severity: Severity;
  /** One line that says what is wrong and what to do. */
  message: string;
  /** Offsets of the exact range in the file text (end exclusive, end >= start). */
  start: number;
  end: number;
  fixes?: Fix[];
  related?: RelatedInformation[];
  /** `unnecessary` renders faded (unused suppression); `deprecated` struck through. */
  tags?: Array<'unnecessary' | 'deprecated'>;
}

/** The kinds of file the product understands. */
export type FileKind = 'runbook' | 'postmortem' | 'config' | 'alerts';

/**
 * What a rule reports before severity is resolved: the rule's own code and default severity are
 * filled in by the registry runner; a rule may override the severity of one finding (e.g. RB002
 * reports a hint when there are more than three diagnostics).
 */
export interface RawFinding {
  message: string;
  start: number;
  end: number;
  /** Overrides the rule's default severity for this finding (before user configuration). */
  severity?: Severity;
  /** Reports under another code of the same rule family (rarely needed). */
  code?: string;
  fixes?: Fix[];
  related?: RelatedInformation[];
  tags?: Array<'unnecessary' | 'deprecated'>;
}

/** Report function handed to a rule. */
export type Report = (finding: RawFinding) => void;

/**
 * A lint rule. One rule per file, registered in its kind's `rules/index.ts`.
 * `C` is the context type of the file kind (runbook or post-mortem).
 */
export interface Rule<C> {
  /** Stable code, e.g. `RB004`. */
  id: string;
  /** Kebab-case slug, e.g. `query-syntax`. */
  name: string;
  /** One sentence for docs and the rule table. */
  description: string;
  defaultSeverity: Severity;
  check(ctx: C, report: Report): void;
}
