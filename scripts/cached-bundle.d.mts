import type { BuildOptions } from 'esbuild';

/** An esbuild bundle made once and reused while its sources are unchanged (see cached-bundle.mjs). */
export function cachedBundle(cacheDir: string, name: string, root: string, options: BuildOptions): Promise<{ dir: string; files: string[]; built: boolean }>;
export function cacheFolder(root: string): Promise<string>;
