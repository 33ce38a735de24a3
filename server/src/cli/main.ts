// Entry point of the CLI bundle (dist/cli.js). Implemented in server/src/cli/.
console.error('ml-runbooks: not built yet');
process.exitCode = 2;
