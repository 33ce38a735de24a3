import type { ValidateFunction } from 'ajv';
import schemaJson from '../../../../schemas/postmortem-frontmatter.schema.json';
import { schemaValidator } from '../schemaValidators';

/** The JSON of `schemas/postmortem-frontmatter.schema.json` (hover and completion read its descriptions). */
export const postmortemFrontmatterSchema = schemaJson;

/** The front-matter validator (precompiled in the bundles, compiled on first use from the sources). */
export function frontmatterValidator(): ValidateFunction {
  return schemaValidator('postmortemFrontmatter');
}
