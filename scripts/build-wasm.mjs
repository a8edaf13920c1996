// Compiles the wasm backend's kernel (model/wasm/assembly/kernel.ts,
// AssemblyScript) to WebAssembly with SIMD, with the assemblyscript compiler
// from node_modules (no compiler outside npm). Writes
// model/wasm/generated/kernel.wasm, which model/wasm/loader.ts reads when run
// from source (tests, tsx), and the same bytes to dist/model/wasm/generated/
// for the compiled package. Run by `npm run build` (and so by `npm ci`).
import asc from 'assemblyscript/asc';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'model/wasm/assembly/kernel.ts');
const generated = join(root, 'model/wasm/generated');
const output = join(generated, 'kernel.wasm');
mkdirSync(generated, { recursive: true });
const { error, stderr } = await asc.main([
  source,
  '--outFile', output,
  '-O3',
  '--runtime', 'stub',
  '--enable', 'simd',
  '--noAssert',
]);
if (error) {
  process.stderr.write(stderr.toString());
  console.error(`build-wasm: ${error.message}`);
  process.exit(1);
}
const distDir = join(root, 'dist/model/wasm/generated');
mkdirSync(distDir, { recursive: true });
copyFileSync(output, join(distDir, 'kernel.wasm'));
console.log('compiled model/wasm/generated/kernel.wasm (and copied it to dist/)');
