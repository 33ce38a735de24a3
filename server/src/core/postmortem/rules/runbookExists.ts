import type { PostmortemRule } from '../context';
import { excerpt } from '../../config';

/** The folder part of a path or URI (`/a/b/c.md` → `/a/b`, `c.md` → ``). Both separators. */
export function dirnameOf(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  if (i < 0) return '';
  if (i === 0) return p[0]!;
  if (/^[A-Za-z]:[\\/]$/.test(p.slice(0, i + 1)) && i === 2) return p.slice(0, 3);
  return p.slice(0, i);
}

/** Whether a path is absolute (posix `/x`, Windows `C:\x` or `C:/x`, UNC `\\server\x`). */
export function isAbsolutePath(p: string): boolean {
  return /^(?:\/|[A-Za-z]:[\\/]|\\\\)/.test(p);
}

/**
 * Joins a base folder and a relative path with the base's separator, resolving `.` and `..`
 * segments of the relative part. No `node:path`: the core runs in the browser too.
 *
 * @example
 * joinPath('/repo/pm', '../runbooks/a.runbook.yaml') // '/repo/runbooks/a.runbook.yaml'
 * joinPath('C:\\repo\\pm', 'a.yaml') // 'C:\\repo\\pm\\a.yaml'
 */
export function joinPath(base: string, rel: string): string {
  if (isAbsolutePath(rel) || !base) return rel;
  const sep = base.includes('\\') && !base.includes('/') ? '\\' : '/';
  const root = /^(?:[A-Za-z]:[\\/]|\/|\\\\)/.exec(base)?.[0] ?? '';
  const parts = base.slice(root.length).split(/[\\/]+/).filter(Boolean);
  for (const seg of rel.split(/[\\/]+/)) {
    if (!seg || seg === '.') continue;
    if (seg === '..') {
      if (parts.length && parts[parts.length - 1] !== '..') parts.pop();
      else if (!root) parts.push('..');
    } else parts.push(seg);
  }
  return root.replace(/[\\/]$/, sep) + parts.join(sep);
}

/** Whether a normalised path (see {@link joinPath}) lies inside `root` (also normalised), compared segment by segment. */
export function isInsideRoot(root: string, p: string): boolean {
  // `..` segments resolved, separators unified (an absolute path is normalised against its own root).
  const norm = (x: string): string => {
    const head = /^(?:[A-Za-z]:[\\/]|\/|\\\\)/.exec(x)?.[0] ?? '';
    const n = (head ? joinPath(head, x.slice(head.length) || '.') : joinPath(root, x)).replace(/\\/g, '/');
    return n.endsWith('/') ? n.slice(0, -1) : n; // joinPath leaves no repeated separators
  };
  const r = norm(root);
  const q = norm(p);
  return q === r || q.startsWith(r + '/') || (r === '' && !q.startsWith('/') && !q.startsWith('..'));
}

/** The places a `runbook:` path is looked up, in order: the post-mortem's folder, then the workspace root. */
export function runbookCandidates(file: string, runbook: string, workspaceRoot?: string): string[] {
  if (isAbsolutePath(runbook)) return [runbook];
  const out = [joinPath(dirnameOf(file), runbook)];
  if (workspaceRoot) out.push(joinPath(workspaceRoot, runbook));
  return [...new Set(out)];
}

/**
 * PM011 — `runbook:` names a file that does not exist.
 *
 * Rationale: the runbook link is how the next on-call gets from the write-up to the procedure; a
 * dangling path is worse than none. The path is resolved against the post-mortem's folder, then the
 * workspace root. URLs are not checked. Needs the host's `fileExists` (the CLI and the language server
 * pass it); without it the rule stays silent.
 */
export const runbookExistsRule: PostmortemRule = {
  id: 'PM011',
  name: 'runbook-exists',
  description: 'The runbook named in the front matter must exist.',
  defaultSeverity: 'error',
  check(ctx, report) {
    const { pm, env } = ctx;
    const rb = pm.meta.runbook?.trim();
    if (!rb || !env.fileExists || /^[a-z][a-z0-9+.-]*:\/\//i.test(rb)) return;
    const r = pm.fmRange('runbook');
    if (!r) return;
    const root = env.workspaceRoot;
    // Only paths inside the workspace are looked up: PM011 must not tell whether /etc/shadow exists.
    const candidates = runbookCandidates(ctx.file, rb, root).filter((c) => !root || isInsideRoot(root, c));
    if (!candidates.length) {
      report({
        message: `Runbook '${excerpt(rb)}' points outside the workspace; only runbooks inside it are looked up: use a path inside the repository.`,
        start: r[0],
        end: r[1],
      });
      return;
    }
    if (candidates.some((c) => env.fileExists!(c))) return;
    report({
      message: `Runbook '${excerpt(rb)}' not found (looked next to this post-mortem${env.workspaceRoot ? ' and at the workspace root' : ''}): fix the path or create the runbook.`,
      start: r[0],
      end: r[1],
    });
  },
};
