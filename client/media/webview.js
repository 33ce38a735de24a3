// Script of the extension's webviews (preview, burn-rate calculator, surface report).
// Loaded with the page's nonce; talks to the extension only through postMessage.
// Updates replace the content of #root in place (no page reload, so no flicker and the scroll
// position is kept); clicks are handled by delegation on data attributes — no inline handlers.
// @ts-check
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('root');
  const body = document.body;

  /** Persist what the panel serializer needs to restore the view after a reload. */
  function saveState(extra) {
    const prev = vscode.getState() || {};
    vscode.setState(Object.assign({}, prev, extra));
  }
  try {
    const initial = body.dataset.state ? JSON.parse(body.dataset.state) : undefined;
    if (initial) saveState(initial);
  } catch (_e) {
    // ignore a malformed state attribute
  }

  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (!msg || typeof msg !== 'object' || !root) return;
    if (msg.type === 'update' && typeof msg.html === 'string') {
      const x = window.scrollX;
      const y = window.scrollY;
      root.innerHTML = msg.html;
      window.scrollTo(x, y);
      if (msg.state) saveState(msg.state);
      vscode.postMessage({ type: 'rendered', version: msg.version });
    }
  });

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const reveal = target.closest('[data-reveal]');
    if (reveal instanceof HTMLElement || reveal instanceof SVGElement) {
      event.preventDefault();
      const d = reveal.dataset;
      vscode.postMessage({
        type: 'reveal',
        line: Number(d.line),
        character: Number(d.character || 0),
        endLine: Number(d.endLine || d.line),
        endCharacter: Number(d.endCharacter || d.character || 0),
      });
      return;
    }
    const action = target.closest('[data-action]');
    if (action instanceof HTMLElement) {
      event.preventDefault();
      vscode.postMessage({ type: 'action', action: action.dataset.action, arg: action.dataset.arg });
    }
  });

  vscode.postMessage({ type: 'ready' });
})();
