// The package version, inlined into dist/cli.js by the bundler (only this one field of package.json).
import { version } from '../../../package.json';

export const VERSION: string = version;
