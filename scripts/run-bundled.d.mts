import type { BuildOptions } from 'esbuild';

/** esbuild options that bundle `entryPoints` to run under plain Node (see run-bundled.mjs). */
export function nodeBundleOptions(entryPoints: string[]): BuildOptions;
/** esbuild options for the build's own bundle: CommonJS, Eleventy included, run with V8's code cache (see run-bundled.mjs). */
export function buildBundleOptions(entry: string): BuildOptions;
/** Run scripts/<entry>.ts as a cached esbuild bundle in this process (see run-bundled.mjs). */
export function runBundled(root: string, entry: string, args: string[]): Promise<void>;
