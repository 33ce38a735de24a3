import type { Finding } from '../types';
import type { LintEnv } from '../index';
import type { ResolvedConfig } from '../config';

/** Lints a post-mortem Markdown file. Implemented by the post-mortem module. */
export function lintPostmortemText(_file: string, _text: string, _env: LintEnv & { config: ResolvedConfig }): Finding[] {
  return [];
}
