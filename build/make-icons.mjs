#!/usr/bin/env node
// Draws Guichet's icon (a town hall: pediment, flag, columns, steps, in the
// blue #1f4e8c on white) and writes it as PNG, with no dependency: shapes are
// tested per sample (4×4 per pixel, for smooth edges) and the PNG is encoded
// with node:zlib. Run: node build/make-icons.mjs
// Writes build/icon.png (512, used by electron-builder for Windows) and
// build/icons/{512x512,256x256}.png (the Linux icon set).
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BLUE = [0x1f, 0x4e, 0x8c];
const WHITE = [0xff, 0xff, 0xff];
const EDGE = [0xc9, 0xd5, 0xe6];

// Shapes on a 512-unit grid. Later shapes paint over earlier ones.
const roundedRect = (x0, y0, x1, y1, r) => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const triangle = (ax, ay, bx, by, cx, cy) => (x, y) => {
  const s = (px, py, qx, qy) => (x - qx) * (py - qy) - (px - qx) * (y - qy);
  const d1 = s(ax, ay, bx, by);
  const d2 = s(bx, by, cx, cy);
  const d3 = s(cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};

const layers = [
  [roundedRect(8, 8, 504, 504, 104), EDGE],
  [roundedRect(16, 16, 496, 496, 96), WHITE],
  // flag on its pole
  [rect(252, 44, 260, 112), BLUE],
  [rect(260, 48, 312, 80), BLUE],
  // pediment, with a round window
  [triangle(256, 104, 84, 204, 428, 204), BLUE],
  [circle(256, 164, 20), WHITE],
  // entablature
  [rect(92, 212, 420, 236), BLUE],
  // four columns
  ...[116, 192, 288, 364].map((x) => [rect(x, 248, x + 32, 364), BLUE]),
  // steps
  [rect(84, 372, 428, 396), BLUE],
  [rect(64, 404, 448, 428), BLUE],
];

function colourAt(x, y) {
  let colour = null;
  for (const [inside, c] of layers) if (inside(x, y)) colour = c;
  return colour;
}

function render(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const n = 4; // samples per axis
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = ((px + (sx + 0.5) / n) * 512) / size;
          const y = ((py + (sy + 0.5) / n) * 512) / size;
          const c = colourAt(x, y);
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            a += 1;
          }
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        pixels[i] = Math.round(r / a);
        pixels[i + 1] = Math.round(g / a);
        pixels[i + 2] = Math.round(b / a);
      }
      pixels[i + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // no filter
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const here = dirname(fileURLToPath(import.meta.url));
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(join(here, 'icons'), { recursive: true });
  const big = encodePng(512, render(512));
  writeFileSync(join(here, 'icon.png'), big);
  writeFileSync(join(here, 'icons', '512x512.png'), big);
  writeFileSync(join(here, 'icons', '256x256.png'), encodePng(256, render(256)));
  console.log('build/icon.png, build/icons/512x512.png, build/icons/256x256.png');
}
