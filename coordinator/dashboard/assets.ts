/**
 * Browser assets, all served by the dashboard itself (no CDN; works offline):
 * the Vega, Vega-Lite and vega-embed builds from node_modules, and the page's
 * own script and style (client.ts).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DASHBOARD_CSS, DASHBOARD_SCRIPT } from './client.js';

export interface Asset {
  readonly contentType: string;
  body(): Promise<string | Buffer>;
}

const require = createRequire(import.meta.url);
const JS = 'text/javascript; charset=utf-8';

/** A file of a package's build folder, found next to its entry point (vega-embed exports no subpaths). */
function packageFile(pkg: string, file: string): Asset {
  let cached: Promise<Buffer> | undefined;
  return {
    contentType: JS,
    body: () => (cached ??= readFile(join(dirname(require.resolve(pkg)), file))),
  };
}

/** Path under /assets/ -> asset. */
export const ASSETS: ReadonlyMap<string, Asset> = new Map<string, Asset>([
  ['vega.min.js', packageFile('vega', 'vega.min.js')],
  ['vega-lite.min.js', packageFile('vega-lite', 'vega-lite.min.js')],
  ['vega-embed.min.js', packageFile('vega-embed', 'vega-embed.min.js')],
  ['dashboard.js', { contentType: JS, body: async () => DASHBOARD_SCRIPT }],
  ['dashboard.css', { contentType: 'text/css; charset=utf-8', body: async () => DASHBOARD_CSS }],
]);
