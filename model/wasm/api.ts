/**
 * The slice of the WebAssembly JS API the backend uses. Declared here because
 * the project's TypeScript libs (ES2023 + @types/node) do not declare
 * WebAssembly (it lives in lib.dom); Node 20 provides it globally.
 */
export interface WasmModule {
  readonly __wasmModule: unique symbol;
}
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => WasmModule;
  readonly Instance: new (module: WasmModule, imports: object) => { readonly exports: object };
  validate(bytes: Uint8Array): boolean;
}
export const wasmApi = (globalThis as unknown as { readonly WebAssembly: WasmApi }).WebAssembly;
