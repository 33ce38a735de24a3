/**
 * The language service: everything the product knows about a workspace's runbooks, post-mortems,
 * project files and alerting rules, over the pure core, with no transport and no file system of its
 * own. A host creates it with `createService({ host })` and asks it questions by file and text; the
 * host answers the few the service asks back (does a file exist, what time is it, read a file, list a
 * folder). Three hosts: the Node language server, the browser worker's language server, and the CLI.
 *
 * The service owns its state: the core's caches (parses kept between keystrokes, query checks), the
 * workspace index of runbook names (RB009) and the alert graph (spec §8). Two services never share
 * any of it.
 *
 * @example
 * const service = createService({ host: { exists: () => false, now: () => new Date() } });
 * service.diagnose('a.runbook.yaml', text, { kind: 'runbook' }) // Finding[]
 */
import {
  classifyFile,
  defaultConfig,
  lint,
  releaseRunbookText,
  type Classification,
  type FileKind,
  type Finding,
  type GlobKind,
  type LintEnv,
  type ResolvedConfig,
  type TextEdit,
} from '../core/index';
import { CoreCaches, withCaches } from '../core/caches';
import { runbookNames } from '../core/runbook/names';
import { WorkspaceIndex } from './workspaceIndex';
import { AlertWorkspace, type AlertLocation } from './alertWorkspace';
import { completionsFor, hoverFor, linksFor, outlineFor, type FileLink, type NavCompletion, type NavHover, type OutlineNode } from './features';

/** What a host answers for the service. Paths are the host's file paths (URI paths in the browser). */
export interface ServiceHost {
  /** Whether a regular file exists at a path inside the workspace (PM011 targets, links). Never throws. */
  exists(path: string): boolean;
  /** "Now" (staleness, RB007). */
  now(): Date;
}

export interface ServiceOptions {
  host: ServiceHost;
  /**
   * A file's path relative to its workspace folder (the `{path}` of the alert graph's `runbookUrl`
   * template). `key` is the identifier the host uses for the file (a URI in the language server).
   */
  repoPath?: (key: string) => string;
}

/** How to check one file. */
export interface DiagnoseOptions {
  kind: FileKind;
  /** Every YAML document of the file is a runbook (its name, a `files.runbooks` glob or the editor's language say so). */
  wholeFile?: boolean;
  config?: ResolvedConfig;
  /** The workspace folder of the file (PM011 resolves `runbook:` targets there). */
  root?: string;
  /** The file's identifier in the index and the alert graph (default: its path). */
  key?: string;
  /**
   * Overrides of what the service answers itself (the CLI's threads keep their own index of names and
   * record the existence questions for its cache).
   */
  env?: Pick<LintEnv, 'otherRunbookDefinitions' | 'alerts' | 'fileExists'>;
}

/** The language service (see the module comment). */
export interface LanguageService {
  /** Runbook names of the workspace by file (RB009), fed by the host from open documents and its scan. */
  readonly index: WorkspaceIndex;
  /** Rule files and runbooks of the workspace (spec §8), fed like the index. */
  readonly alerts: AlertWorkspace;
  /** What a file is: the project file's globs (`byGlob`), its name and content, then the editor's language. */
  classify(file: string, text: string, byGlob?: GlobKind, languageId?: string): Classification | undefined;
  /** The findings of one file. Never throws (a rule that fails becomes a finding). */
  diagnose(file: string, text: string, options: DiagnoseOptions): Finding[];
  /** Records a runbook's current text in the index; returns the names whose definitions changed. */
  indexRunbook(key: string, text: string): Set<string>;
  complete(kind: FileKind, text: string, offset: number): NavCompletion[];
  /** Hover; for a rule file, from the alert graph (`key` identifies the file there). */
  hover(kind: FileKind, key: string, text: string, offset: number): NavHover | undefined;
  symbols(kind: FileKind, text: string): OutlineNode[];
  /** Links; for a rule file, each `runbook_url` that resolves, to the runbook's file (its key). */
  links(kind: FileKind, key: string, file: string, text: string, root: string): FileLink[];
  /** Go to definition: `runbook_url` → runbook, `signal.alert` → rules. */
  definition(key: string, offset: number): AlertLocation[];
  /** The edits of "fix all": each finding's preferred fix, in order, skipping fixes that overlap one taken. */
  fixAll(findings: readonly Finding[]): TextEdit[];
  /** Lets go of what is kept to re-use a closed document's parse between keystrokes. */
  release(text: string): void;
  /** Runs a core call inside this service's caches (for callers of the core functions not wrapped here). */
  run<T>(f: () => T): T;
  /** Entries held in the service's caches, by cache (tests, memory diagnostics). */
  cacheSizes(): Record<string, number>;
}

const KIND_BY_LANGUAGE: Record<string, FileKind> = { 'ml-runbook': 'runbook', 'ml-postmortem': 'postmortem' };

/** Creates a language service over a host. */
export function createService(options: ServiceOptions): LanguageService {
  const { host } = options;
  const caches = new CoreCaches();
  const run = <T>(f: () => T): T => withCaches(caches, f);
  const index = new WorkspaceIndex((text) => run(() => runbookNames(text)));
  const alerts = new AlertWorkspace(options.repoPath ?? ((k) => k), run);
  const exists = (p: string): boolean => {
    try {
      return host.exists(p);
    } catch {
      return false;
    }
  };

  return {
    index,
    alerts,
    classify(file, text, byGlob, languageId) {
      const c = classifyFile(file, text, byGlob);
      if (c?.kind === 'config') return c;
      // The editor's language (`ml-runbook`, `ml-postmortem`) says the whole file is of its kind.
      const byLanguage = languageId ? KIND_BY_LANGUAGE[languageId] : undefined;
      return byLanguage ? { kind: byLanguage, wholeFile: true } : c;
    },
    diagnose(file, text, o) {
      const key = o.key ?? file;
      const env: LintEnv = {
        config: o.config ?? defaultConfig(),
        runbookFile: o.wholeFile,
        now: host.now(),
        fileExists: o.env?.fileExists ?? exists,
        otherRunbookDefinitions: o.env?.otherRunbookDefinitions ?? ((name) => index.otherDefinitions(name, key)),
        alerts: o.env && 'alerts' in o.env ? o.env.alerts : { findingsFor: () => alerts.graph.findingsFor(key) },
      };
      if (o.root !== undefined) env.workspaceRoot = o.root;
      return run(() => lint(file, text, env, o.kind).findings);
    },
    indexRunbook: (key, text) => index.update(key, text),
    complete: (kind, text, offset) => run(() => completionsFor(kind, text, offset)),
    hover: (kind, key, text, offset) => (kind === 'alerts' ? alerts.hover(key, offset) : run(() => hoverFor(kind, text, offset))),
    symbols: (kind, text) => run(() => outlineFor(kind, text)),
    links(kind, key, file, text, root) {
      if (kind === 'alerts') return alerts.links(key).map((l) => ({ ...l, isPath: false }));
      return run(() => linksFor(kind, file, text, root, exists));
    },
    definition: (key, offset) => alerts.definition(key, offset),
    fixAll(findings) {
      const edits: TextEdit[] = [];
      const overlaps = (e: TextEdit, o: TextEdit): boolean => (e.start < o.end && o.start < e.end) || e.start === o.start;
      for (const f of findings) {
        const fix = f.fixes?.find((x) => x.isPreferred);
        if (!fix || fix.edits.some((e) => edits.some((o) => overlaps(e, o)))) continue;
        edits.push(...fix.edits);
      }
      return edits.sort((a, b) => a.start - b.start);
    },
    release: (text) => run(() => releaseRunbookText(text)),
    run,
    cacheSizes: () => caches.sizes(),
  };
}
