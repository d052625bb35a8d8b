/** The name the build's bundle knows the ES-module-only packages by (see code-cache.mjs). */
export const esmExternalsParameter: string;
/** A CommonJS bundle compiled with V8's code cache (see code-cache.mjs). */
export function loadWithCodeCache(file: string): {
  cached: boolean;
  cacheFile: string;
  run(esmExternals: Record<string, unknown>): unknown;
  save(): boolean;
};
