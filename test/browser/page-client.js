// A minimal LSP client for the browser-worker test, loaded into the test page: `createLsp(name)` starts
// /server.js as a classic web worker, sends requests and notifications, keeps the diagnostics the
// server publishes, and answers the server's requests (configuration: no settings; files: through the
// functions the test exposes, hostReadFile and hostReadDir). `window.lsp[name]` is the client.
window.lsp = {};
window.createLsp = function (name) {
  const worker = new Worker('/server.js');
  const pending = new Map();
  const listeners = [];
  const diagnostics = new Map();
  const errors = [];
  const logs = [];
  let nextId = 1;
  worker.onerror = function (e) {
    errors.push(String(e.message));
  };
  worker.onmessage = async function (ev) {
    const m = ev.data;
    if (m.id !== undefined && m.method === undefined) {
      const done = pending.get(m.id);
      pending.delete(m.id);
      if (done) done(m);
      return;
    }
    if (m.id !== undefined) {
      const reply = function (result, error) {
        worker.postMessage(error ? { jsonrpc: '2.0', id: m.id, error: error } : { jsonrpc: '2.0', id: m.id, result: result === undefined ? null : result });
      };
      try {
        if (m.method === 'workspace/configuration') reply(m.params.items.map(function () { return {}; }));
        else if (m.method === 'mlRunbooks/fs/readFile') reply(await window.hostReadFile(m.params.path));
        else if (m.method === 'mlRunbooks/fs/readDirectory') reply(await window.hostReadDir(m.params.path));
        else reply(null);
      } catch (e) {
        reply(undefined, { code: -32603, message: String(e) });
      }
      return;
    }
    if (m.method === 'textDocument/publishDiagnostics') diagnostics.set(m.params.uri, m.params);
    if (m.method === 'window/logMessage') logs.push(m.params.message);
    listeners.slice().forEach(function (l) { l(m); });
  };
  const api = {};
  window.lsp[name] = api;
  api.errors = errors;
  api.request = function (method, params) {
    return new Promise(function (resolve) {
      const id = nextId++;
      pending.set(id, resolve);
      worker.postMessage({ jsonrpc: '2.0', id: id, method: method, params: params });
    });
  };
  api.notify = function (method, params) {
    worker.postMessage({ jsonrpc: '2.0', method: method, params: params });
  };
  /** Resolves once the server logged a message containing `text`. */
  api.logged = function (text) {
    return new Promise(function (resolve) {
      if (logs.some(function (l) { return l.indexOf(text) !== -1; })) return resolve();
      const l = function (m) {
        if (m.method === 'window/logMessage' && m.params.message.indexOf(text) !== -1) {
          listeners.splice(listeners.indexOf(l), 1);
          resolve();
        }
      };
      listeners.push(l);
    });
  };
  /** Resolves with the first diagnostics published for a URI that contain a finding with `code`. */
  api.diagnosticsWith = function (uri, code) {
    return new Promise(function (resolve) {
      const has = function (p) { return p && p.diagnostics.some(function (d) { return d.code === code; }); };
      if (has(diagnostics.get(uri))) return resolve(diagnostics.get(uri).diagnostics);
      const l = function (m) {
        if (m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && has(m.params)) {
          listeners.splice(listeners.indexOf(l), 1);
          resolve(m.params.diagnostics);
        }
      };
      listeners.push(l);
    });
  };
  /** Resolves with the diagnostics of a URI once they are published for that version. */
  api.diagnosticsOf = function (uri, version) {
    return new Promise(function (resolve) {
      const have = diagnostics.get(uri);
      if (have && have.version === version) return resolve(have.diagnostics);
      const l = function (m) {
        if (m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === version) {
          listeners.splice(listeners.indexOf(l), 1);
          resolve(m.params.diagnostics);
        }
      };
      listeners.push(l);
    });
  };
};
