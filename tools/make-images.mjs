// Makes the lesson's 12 sample images: real, decodable JPEGs of 50–400 KB with the
// file names of the lesson's example, drawn from a seed (no downloads, no photos).
// The same script always makes the same bytes.
//
//   node tools/make-images.mjs      # → www/images/ (the build runs it when missing)

import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jpeg from 'jpeg-js';
import { LESSON_IMAGE_NAMES } from '../www/scenarios.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
export const IMAGES_DIR = join(repo, 'www', 'images');

const MIN_BYTES = 50 * 1024;
const MAX_BYTES = 400 * 1024;

/** A small deterministic PRNG (mulberry32): numbers in [0, 1) from a 32-bit seed. */
export function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The PRNG seeded from a file name. */
function random(seedText) {
  return mulberry32([...seedText].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), 2166136261) >>> 0);
}

/** Sky, sun and three ridges of mountains, with grain: a landscape of its own per name. */
function draw(name, width, height, grain) {
  const rand = random(name);
  const hue = rand() * 360;
  const color = (h, s, l) => {
    // HSL → RGB, h in degrees, s and l in 0…1.
    const k = (n) => (n + h / 30) % 12;
    const a = s * Math.min(l, 1 - l);
    return [0, 8, 4].map((n) => 255 * (l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1))));
  };
  const ridges = [0, 1, 2].map((i) => ({
    base: height * (0.45 + 0.15 * i),
    waves: [1, 2, 3].map(() => ({ amp: height * (0.03 + rand() * 0.08), freq: 1 + rand() * 5, phase: rand() * 6.3 })),
    rgb: color(hue + 40 * i, 0.35, 0.45 - 0.12 * i),
  }));
  const sun = { x: width * (0.2 + rand() * 0.6), y: height * (0.15 + rand() * 0.2), r: height * (0.06 + rand() * 0.05) };
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    const sky = color(hue + 180, 0.5, 0.75 - 0.3 * (y / height));
    for (let x = 0; x < width; x++) {
      let rgb = sky;
      if (Math.hypot(x - sun.x, y - sun.y) < sun.r) rgb = color(hue + 60, 0.9, 0.7);
      for (const ridge of ridges) {
        const top = ridge.base - ridge.waves.reduce((s, w) => s + w.amp * Math.sin((x / width) * w.freq * 6.28 + w.phase), 0);
        if (y > top) rgb = ridge.rgb;
      }
      const noise = (rand() - 0.5) * grain;
      const at = (y * width + x) * 4;
      data[at] = rgb[0] + noise;
      data[at + 1] = rgb[1] + noise;
      data[at + 2] = rgb[2] + noise;
      data[at + 3] = 255;
    }
  }
  return data;
}

/** Encodes one image, adjusting the grain until the file lands within the size range. */
export function makeImage(name, index) {
  const width = 640 + 64 * (index % 6);
  const height = Math.round((width * 3) / 4);
  let grain = 10 + 6 * (index % 5);
  for (let attempt = 0; attempt < 8; attempt++) {
    const encoded = jpeg.encode({ data: draw(name, width, height, grain), width, height }, 82).data;
    if (encoded.length > MAX_BYTES) grain *= 0.6;
    else if (encoded.length < MIN_BYTES) grain *= 1.8;
    else return encoded;
  }
  throw new Error(`${name}: cannot land between ${MIN_BYTES} and ${MAX_BYTES} bytes`);
}

export function makeImages({ force = false } = {}) {
  mkdirSync(IMAGES_DIR, { recursive: true });
  for (const [index, name] of LESSON_IMAGE_NAMES.entries()) {
    const file = join(IMAGES_DIR, name);
    if (!force && existsSync(file)) continue;
    writeFileSync(file, makeImage(name, index));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.time('images');
  makeImages({ force: true });
  console.timeEnd('images');
}
