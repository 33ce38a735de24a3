#!/usr/bin/env node
// Draws the extension icon (images/icon.png, 128×128 RGBA) without any image library:
// shapes are rasterised with 4×4 supersampling and written as a PNG with node:zlib.
// Usage: node scripts/make-icon.mjs [output.png]
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const SIZE = 128;
const SS = 4; // supersamples per axis

const hex = (h, a = 1) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16), a];
const BG = hex('#1b2a3a');
const PAGE = hex('#e9eef4');
const FOLD = hex('#b7c4d3');
const LINE = hex('#8a9bb0');
const PULSE = hex('#ff6b3d');

/** Signed distance to a rounded rectangle (negative inside). */
function roundRect(x, y, x0, y0, x1, y1, r) {
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r, hy = (y1 - y0) / 2 - r;
  const dx = Math.abs(x - cx) - hx, dy = Math.abs(y - cy) - hy;
  return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - r;
}
/** Distance to a segment. */
function segment(x, y, ax, ay, bx, by) {
  const px = x - ax, py = y - ay, vx = bx - ax, vy = by - ay;
  const t = Math.max(0, Math.min(1, (px * vx + py * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - t * vx, py - t * vy);
}
const polyline = (pts) => (x, y) => {
  let d = Infinity;
  for (let i = 1; i < pts.length; i++) d = Math.min(d, segment(x, y, pts[i - 1][0], pts[i - 1][1], pts[i][0], pts[i][1]));
  return d;
};
// The page with a folded top-right corner.
const inPage = (x, y) => roundRect(x, y, 30, 16, 98, 112, 6) < 0 && !(x > 80 && y < 16 + (x - 80));
const inFold = (x, y) => x >= 80 && y <= 34 && y >= 16 + (x - 80);
const textLines = [[40, 32, 74], [40, 42, 86], [40, 88, 86], [40, 98, 72]];
const pulse = polyline([[22, 66], [46, 66], [54, 50], [62, 84], [72, 40], [80, 66], [106, 66]]);

function sample(x, y) {
  let c = [0, 0, 0, 0];
  const over = (col) => {
    const a = col[3];
    c = [col[0] * a + c[0] * (1 - a), col[1] * a + c[1] * (1 - a), col[2] * a + c[2] * (1 - a), a + c[3] * (1 - a)];
  };
  if (roundRect(x, y, 0, 0, 128, 128, 22) < 0) over(BG);
  if (inPage(x, y)) over(PAGE);
  if (inFold(x, y)) over(FOLD);
  for (const [x0, yy, x1] of textLines) if (segment(x, y, x0, yy, x1, yy) < 2.2) over(LINE);
  if (pulse(x, y) < 4.6) over(BG);
  if (pulse(x, y) < 3.2) over(PULSE);
  return c;
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let py = 0; py < SIZE; py++) {
  raw[py * (SIZE * 4 + 1)] = 0; // filter: none
  for (let px = 0; px < SIZE; px++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const c = sample(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS);
        r += c[0] * c[3]; g += c[1] * c[3]; b += c[2] * c[3]; a += c[3];
      }
    }
    const o = py * (SIZE * 4 + 1) + 1 + px * 4;
    raw[o] = a ? Math.round(r / a) : 0;
    raw[o + 1] = a ? Math.round(g / a) : 0;
    raw[o + 2] = a ? Math.round(b / a) : 0;
    raw[o + 3] = Math.round((a / (SS * SS)) * 255);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // colour type RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = process.argv[2] ?? new URL('../images/icon.png', import.meta.url).pathname;
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
