import type { LintEnv } from '../index';
import type { ResolvedConfig } from '../config';
import type { LineIndex } from '../lineIndex';
import type { Finding, Rule } from '../types';
import type { ParsedPostmortem } from './parse';

/** What a post-mortem rule sees. */
export interface PostmortemContext {
  file: string;
  text: string;
  lines: LineIndex;
  pm: ParsedPostmortem;
  env: LintEnv & { config: ResolvedConfig };
  /**
   * The findings of every other rule, after configuration and suppression comments. Filled in before
   * PM010 runs (PM010 runs last); empty for the other rules.
   */
  earlier: Finding[];
}

/** A post-mortem rule. */
export type PostmortemRule = Rule<PostmortemContext>;
