/**
 * Which of the product's file kinds an editor document is. The language id decides for the two
 * dedicated languages; plain YAML and Markdown are detected by content, exactly as the core's
 * `detectKind` does (a unit test keeps the two in agreement). The client does not import the core
 * facade here: that would pull every lint rule and query grammar into the extension bundle.
 * Pure: no vscode import.
 */
export type PreviewKind = 'runbook' | 'postmortem';

const RUNBOOK_NAME = /\.runbook\.ya?ml$/i;
const POSTMORTEM_NAME = /\.postmortem\.md$/i;

/** The kind of a document, from its language id, file name and text. */
export function kindOf(languageId: string, fileName: string, text: string): PreviewKind | undefined {
  if (languageId === 'ml-runbook') return 'runbook';
  if (languageId === 'ml-postmortem') return 'postmortem';
  if (RUNBOOK_NAME.test(fileName)) return 'runbook';
  if (POSTMORTEM_NAME.test(fileName)) return 'postmortem';
  const head = text.slice(0, 64 * 1024);
  if (languageId === 'yaml' || /\.ya?ml$/i.test(fileName)) {
    if (/(^|[\\/])\.ml-runbooks\.ya?ml$/i.test(fileName)) return undefined;
    if (/^apiVersion:\s*["']?ml-runbooks\/v1["']?\s*$/m.test(head) && /^kind:\s*["']?Runbook["']?\s*$/m.test(head)) return 'runbook';
    return undefined;
  }
  if (languageId === 'markdown' || /\.(md|markdown)$/i.test(fileName)) {
    const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\s*(?:\r?\n|$)/.exec(head);
    if (m && /^kind:\s*["']?postmortem["']?\s*(#.*)?$/im.test(m[1] ?? '')) return 'postmortem';
  }
  return undefined;
}
