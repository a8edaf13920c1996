/**
 * Minimal PNG reader for tests (resvg encodes but does not decode): checks the
 * signature, reads IHDR, inflates the IDAT stream with node:zlib and undoes the
 * row filters, so tests can assert size and that pixels are not uniform.
 * Supports 8-bit RGB and RGBA, non-interlaced (what resvg writes).
 */
import { inflateSync } from 'node:zlib';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface DecodedPng {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  /** Row-major pixels, `channels` bytes each. */
  readonly pixels: Uint8Array;
}

export function decodePng(file: Uint8Array): DecodedPng {
  const buf = Buffer.from(file);
  if (!buf.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG: bad signature');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('ascii', offset + 4, offset + 8);
    const data = buf.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const bitDepth = data[8];
      const colourType = data[9];
      if (bitDepth !== 8 || data[12] !== 0) throw new Error(`unsupported PNG: bit depth ${bitDepth}, interlace ${data[12]}`);
      channels = colourType === 6 ? 4 : colourType === 2 ? 3 : colourType === 0 ? 1 : colourType === 4 ? 2 : 0;
      if (channels === 0) throw new Error(`unsupported PNG colour type ${colourType}`);
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * stride + x] = (line[x] + predictor) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

/** Share of pixels that differ from the top-left pixel (0 for a blank image). */
export function inkFraction(png: DecodedPng): number {
  const { pixels, channels } = png;
  let differing = 0;
  const total = pixels.length / channels;
  for (let i = 0; i < total; i++) {
    for (let k = 0; k < channels; k++) {
      if (pixels[i * channels + k] !== pixels[k]) {
        differing++;
        break;
      }
    }
  }
  return differing / total;
}

/** Distinct colours (capped), to tell a chart from a single-colour fill. */
export function distinctColours(png: DecodedPng, cap = 64): number {
  const seen = new Set<number>();
  const { pixels, channels } = png;
  for (let i = 0; i < pixels.length && seen.size < cap; i += channels) {
    let key = 0;
    for (let k = 0; k < Math.min(channels, 3); k++) key = key * 256 + pixels[i + k];
    seen.add(key);
  }
  return seen.size;
}
