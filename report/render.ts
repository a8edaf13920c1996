/**
 * Figure → SVG (Vega-Lite compiled to Vega, rendered headless) → PNG (resvg).
 * No network: data is inline in every spec and the Vega loader is never asked
 * for a URL.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { ReportError } from './errors.js';
import type { Figure } from './figures/figure.js';

export interface RenderedFigure {
  readonly figure: Figure;
  readonly svg: string;
  readonly png: Buffer;
  readonly width: number;
  readonly height: number;
}

/** Font directories searched when telling whether PNG text can be drawn at all. */
const FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts', '/usr/X11R6/lib/X11/fonts', join(process.env.HOME ?? '/root', '.fonts')];

function containsFont(dir: string, depth = 4): boolean {
  if (depth < 0 || !existsSync(dir)) return false;
  try {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isFile() && /\.(ttf|otf|ttc)$/i.test(entry.name)) return true;
      if (entry.isDirectory() && containsFont(join(dir, entry.name), depth - 1)) return true;
    }
  } catch {
    return false; // an unreadable directory simply holds no usable font
  }
  return false;
}

/** True when resvg will find at least one system font (else PNGs carry marks but no text; SVGs are unaffected). */
export function systemFontsAvailable(extraFontFiles: readonly string[] = []): boolean {
  return extraFontFiles.some((f) => existsSync(f)) || FONT_DIRS.some((d) => containsFont(d));
}

export async function figureToSvg(figure: Figure): Promise<string> {
  let view: vega.View | undefined;
  try {
    const compiled = compile(figure.spec).spec;
    view = new vega.View(vega.parse(compiled), { renderer: 'none' });
    return await view.toSVG();
  } catch (cause) {
    throw new ReportError('REPORT_RENDER_FAILED', `figure ${figure.id}: Vega could not render it: ${(cause as Error).message}`, { cause });
  } finally {
    view?.finalize();
  }
}

export interface PngOptions {
  /** Pixels per SVG unit. */
  readonly scale: number;
  readonly fontFiles: readonly string[];
}

export function svgToPng(svg: string, options: PngOptions): { png: Buffer; width: number; height: number } {
  try {
    const resvg = new Resvg(svg, {
      fitTo: { mode: 'zoom', value: options.scale },
      background: 'white',
      font: {
        loadSystemFonts: true,
        fontFiles: [...options.fontFiles],
        defaultFontFamily: 'DejaVu Sans',
        sansSerifFamily: 'DejaVu Sans',
      },
    });
    const image = resvg.render();
    return { png: image.asPng(), width: image.width, height: image.height };
  } catch (cause) {
    throw new ReportError('REPORT_RENDER_FAILED', `resvg could not rasterise an SVG: ${(cause as Error).message}`, { cause });
  }
}

export async function renderFigure(figure: Figure, options: PngOptions): Promise<RenderedFigure> {
  const svg = await figureToSvg(figure);
  const { png, width, height } = svgToPng(svg, options);
  return { figure, svg, png, width, height };
}
