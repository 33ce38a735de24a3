import { pathToFileURL } from 'node:url';
import { sep } from 'node:path';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { RuleMeta, Severity } from '../../core/index';
import { docUrl } from '../../core/registry';
import type { FileResult } from '../results';

/** SARIF level of a severity. */
export function sarifLevel(s: Severity): 'error' | 'warning' | 'note' {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

/** A relative path as a URI reference (forward slashes, each segment percent-encoded). */
export function relativeUri(path: string): string {
  return path
    .split(sep)
    .join('/')
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

/**
 * SARIF 2.1.0 log for code-scanning upload. The driver lists every rule of the registries (id, name,
 * descriptions, help link, default level); each result points at its rule by id and index, with a
 * region in 1-based lines and UTF-16 columns (end column exclusive) and an artifact URI relative to
 * `%SRCROOT%` (the working directory).
 */
export function toSarif(
  results: FileResult[],
  opts: { cwd: string; rules: RuleMeta[]; version: string; informationUri: string },
): Log {
  const rules: ReportingDescriptor[] = opts.rules.map((r) => ({
    id: r.id,
    name: r.name,
    shortDescription: { text: r.description },
    fullDescription: { text: r.description },
    helpUri: docUrl(r.id),
    help: { text: `${r.description} See ${docUrl(r.id)}` },
    defaultConfiguration: { level: sarifLevel(r.defaultSeverity) },
  }));
  const index = new Map(opts.rules.map((r, i) => [r.id, i] as const));
  const sarifResults: Result[] = [];
  for (const r of results) {
    const uri = relativeUri(r.path);
    const absolute = r.path === r.abs;
    for (const m of r.messages) {
      const result: Result = {
        ruleId: m.code,
        level: sarifLevel(m.severity),
        message: { text: m.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: absolute ? { uri: pathToFileURL(r.abs).href } : { uri, uriBaseId: '%SRCROOT%' },
              region: { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn },
            },
          },
        ],
      };
      const i = index.get(m.code);
      if (i !== undefined) result.ruleIndex = i;
      if (m.related.length) {
        result.relatedLocations = m.related.map((rel, id) => ({
          id,
          message: { text: rel.message },
          physicalLocation: {
            artifactLocation: { uri: relativeUri(rel.path), uriBaseId: '%SRCROOT%' },
            region: { startLine: rel.line, startColumn: rel.column, endLine: rel.endLine, endColumn: rel.endColumn },
          },
        }));
      }
      sarifResults.push(result);
    }
  }
  const root = pathToFileURL(opts.cwd).href;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ml-runbooks',
            version: opts.version,
            semanticVersion: opts.version,
            informationUri: opts.informationUri,
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: root.endsWith('/') ? root : `${root}/` } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
}

export function formatSarif(results: FileResult[], opts: Parameters<typeof toSarif>[1]): string {
  return `${JSON.stringify(toSarif(results, opts), null, 2)}\n`;
}
