// Entry point of the language server bundle (dist/server.js). Implemented in server/src/server/.
console.error('ml-runbooks language server: not built yet');
