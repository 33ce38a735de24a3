/**
 * The post-mortem rule registry, in the order they run. PM010 (final status) must stay last: it
 * looks at the other rules' findings.
 */
import type { PostmortemRule } from '../context';
import { frontMatterRule } from './frontMatter';
import { requiredSectionsRule } from './requiredSections';
import { surfaceAttributionRule } from './surfaceAttribution';
import { driftContextRule } from './driftContext';
import { modelDataStateRule } from './modelDataState';
import { detectionGapRule } from './detectionGap';
import { actionItemsRule } from './actionItems';
import { blameLanguageRule } from './blameLanguage';
import { timelineRule } from './timeline';
import { finalStatusRule } from './finalStatus';
import { runbookExistsRule } from './runbookExists';

export const postmortemRules: PostmortemRule[] = [
  frontMatterRule,
  requiredSectionsRule,
  surfaceAttributionRule,
  driftContextRule,
  modelDataStateRule,
  detectionGapRule,
  actionItemsRule,
  blameLanguageRule,
  timelineRule,
  runbookExistsRule,
  finalStatusRule,
];
