/**
 * A guard on the language server's stdio input. The protocol frames each message with headers
 * (`Content-Length: N`, a blank line) and N bytes of JSON. The JSON-RPC reader reports a bad header
 * as an error and then waits forever — for garbage without a blank line it even keeps every byte —
 * so a client that wrote one bad frame was left with a live server that never answered again. This
 * guard follows the framing (header lines, then exactly N body bytes), passes the bytes through
 * unchanged, and calls `onViolation` with a clear message at the first broken frame, so the server
 * can exit and the client can restart it.
 */
import { PassThrough, type Readable } from 'node:stream';

/** Longest header block accepted (the protocol's headers are two short lines). */
export const MAX_HEADER_BYTES = 8 * 1024;

/** Checks one header block (without the blank line); returns the body length or a problem. */
export function parseHeaders(block: string): number | string {
  let length: number | undefined;
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return `a header line without 'name: value' (${JSON.stringify(line.slice(0, 40))})`;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (name === 'content-length') {
      const v = line.slice(colon + 1).trim();
      if (!/^\d{1,10}$/.test(v)) return `Content-Length is not a number (${JSON.stringify(v.slice(0, 20))})`;
      length = Number(v);
    }
  }
  return length === undefined ? 'a message without a Content-Length header' : length;
}

/** Returns a stream carrying `input`'s bytes; `onViolation` is called once, at the first broken frame. */
export function guardFraming(input: Readable, onViolation: (message: string) => void): Readable {
  const out = new PassThrough();
  let header = '';
  let bodyLeft = 0;
  let broken = false;
  input.on('data', (chunk: Buffer) => {
    if (broken) return;
    let i = 0;
    while (i < chunk.length) {
      if (bodyLeft > 0) {
        const n = Math.min(bodyLeft, chunk.length - i);
        bodyLeft -= n;
        i += n;
        continue;
      }
      // Header bytes, up to the blank line.
      const c = chunk[i++]!;
      header += String.fromCharCode(c);
      if (header.endsWith('\r\n\r\n')) {
        const r = parseHeaders(header.slice(0, -4));
        header = '';
        if (typeof r === 'string') {
          broken = true;
          onViolation(r);
          return;
        }
        bodyLeft = r;
      } else if (header.length > MAX_HEADER_BYTES) {
        broken = true;
        onViolation(`more than ${MAX_HEADER_BYTES} bytes without the blank line that ends a header`);
        return;
      }
    }
    out.write(chunk);
  });
  input.on('end', () => out.end());
  input.on('error', (e) => out.destroy(e));
  return out;
}
