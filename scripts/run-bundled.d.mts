import type { BuildOptions } from 'esbuild';

/** esbuild options that bundle `entryPoints` to run under plain Node (see run-bundled.mjs). */
export function nodeBundleOptions(entryPoints: string[], options?: { eleventy?: boolean }): BuildOptions;
/** Run scripts/<entry>.ts as a cached esbuild bundle in this process (see run-bundled.mjs). */
export function runBundled(root: string, entry: string, args: string[]): Promise<void>;
