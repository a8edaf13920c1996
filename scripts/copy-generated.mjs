// tsc compiles proto/index.ts but never copies proto/generated/*.js (allowJs is
// off), so `npm run build` copies the generated code next to it in dist/.
// No generated files yet (fresh checkout before `npm run proto`): nothing to do.
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(root, 'proto/generated');
const files = existsSync(from) ? readdirSync(from).filter((f) => f.endsWith('.js') || f.endsWith('.d.ts')) : [];
if (files.length === 0) {
  console.log('no generated proto code in proto/generated; nothing to copy');
} else {
  const to = join(root, 'dist/proto/generated');
  mkdirSync(to, { recursive: true });
  for (const file of files) copyFileSync(join(from, file), join(to, file));
  console.log(`copied ${files.length} generated files to dist/proto/generated`);
}
