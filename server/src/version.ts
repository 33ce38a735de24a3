// The package version, inlined into the bundles (CLI, language server) by the bundler (only this one field of package.json).
import { version } from '../../package.json';

export const VERSION: string = version;
