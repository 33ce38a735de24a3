/**
 * Which of the product's file kinds an editor document is. The language id decides for the two
 * dedicated languages; otherwise the core's `detectKind` decides from the name and the text, and a
 * document without a telling name (an untitled one) is checked by content according to its language.
 * Imports the core's small `kind` module, not its facade: that would pull every lint rule and query
 * grammar into the extension bundle. Pure: no vscode import.
 */
import { detectKind, isPostmortemText, isRunbookText } from '../../server/src/core/kind';

export type PreviewKind = 'runbook' | 'postmortem';

/** The kind of a document, from its language id, file name and text (the project file is none). */
export function kindOf(languageId: string, fileName: string, text: string): PreviewKind | undefined {
  if (languageId === 'ml-runbook') return 'runbook';
  if (languageId === 'ml-postmortem') return 'postmortem';
  const detected = detectKind(fileName, text);
  if (detected !== undefined) return detected === 'config' || detected === 'alerts' ? undefined : detected;
  if (languageId === 'yaml') return isRunbookText(text) ? 'runbook' : undefined;
  if (languageId === 'markdown') return isPostmortemText(text) ? 'postmortem' : undefined;
  return undefined;
}
