// Draws icon.png (512×512) from icon.svg without any image library: it understands just
// the <rect rx> and <circle> elements icon.svg uses, and fails loudly on anything else.
// Run: node resources/icons/render-icon.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const SIZE = 512;
const SAMPLES = 4; // 4×4 samples per pixel, for smooth edges

const svg = readFileSync(path.join(here, 'icon.svg'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
const attrs = (text) => Object.fromEntries([...text.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
const rgb = (hex) => {
  const match = /^#([0-9a-f]{6})$/i.exec(hex ?? '');
  if (!match) throw new Error(`Unsupported colour ${hex}`);
  const n = Number.parseInt(match[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
};

// Each shape: a colour and an inside(x, y) test.
const shapes = [];
for (const [, tag, body] of svg.matchAll(/<(\w+)\s([^>]*?)\/>/g)) {
  const a = attrs(body);
  const num = (key, fallback) => (a[key] === undefined ? fallback : Number(a[key]));
  if (tag === 'rect') {
    const [x, y, w, h, r] = [num('x', 0), num('y', 0), num('width'), num('height'), num('rx', 0)];
    shapes.push({
      colour: rgb(a.fill),
      inside: (px, py) => {
        const dx = Math.max(x + r - px, 0, px - (x + w - r));
        const dy = Math.max(y + r - py, 0, py - (y + h - r));
        return px >= x && px <= x + w && py >= y && py <= y + h && dx * dx + dy * dy <= r * r;
      },
    });
  } else if (tag === 'circle') {
    const [cx, cy, r] = [num('cx'), num('cy'), num('r')];
    const half = num('stroke-width', 0) / 2;
    if (a.fill && a.fill !== 'none') {
      shapes.push({ colour: rgb(a.fill), inside: (px, py) => (px - cx) ** 2 + (py - cy) ** 2 <= r * r });
    }
    if (a.stroke && half > 0) {
      shapes.push({
        colour: rgb(a.stroke),
        inside: (px, py) => Math.abs(Math.hypot(px - cx, py - cy) - r) <= half,
      });
    }
  } else if (tag !== 'svg') {
    throw new Error(`render-icon.mjs does not draw <${tag}>; extend it or keep icon.svg to rect and circle.`);
  }
}

const pixels = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  const row = y * (SIZE * 4 + 1);
  pixels[row] = 0; // PNG filter: none
  for (let x = 0; x < SIZE; x++) {
    let r = 0, g = 0, b = 0, alpha = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const px = x + (sx + 0.5) / SAMPLES;
        const py = y + (sy + 0.5) / SAMPLES;
        let colour = null;
        for (const shape of shapes) if (shape.inside(px, py)) colour = shape.colour; // painter's order
        if (colour) {
          r += colour[0]; g += colour[1]; b += colour[2]; alpha += 1;
        }
      }
    }
    const at = row + 1 + x * 4;
    if (alpha > 0) {
      pixels[at] = Math.round(r / alpha);
      pixels[at + 1] = Math.round(g / alpha);
      pixels[at + 2] = Math.round(b / alpha);
      pixels[at + 3] = Math.round((alpha / (SAMPLES * SAMPLES)) * 255);
    }
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buffer) => {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 255] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace

writeFileSync(
  path.join(here, 'icon.png'),
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]),
);
console.log('Wrote resources/icons/icon.png');
