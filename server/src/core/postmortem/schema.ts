import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import schemaJson from '../../../../schemas/postmortem-frontmatter.schema.json';

/** The JSON of `schemas/postmortem-frontmatter.schema.json` (hover and completion read its descriptions). */
export const postmortemFrontmatterSchema = schemaJson;

let compiled: ValidateFunction | undefined;

/** The compiled front-matter validator (built once, on first use). */
export function frontmatterValidator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
    ajv.addVocabulary(['markdownDescription', 'patternErrorMessage', 'errorMessage', 'enumDescriptions', 'markdownEnumDescriptions']);
    compiled = ajv.compile(schemaJson);
  }
  return compiled;
}
