import type { BuildOptions, TransformOptions } from 'esbuild';

/** An esbuild bundle made once and reused while its sources are unchanged (see cached-bundle.mjs). */
export function cachedBundle(cacheDir: string, name: string, root: string, options: BuildOptions): Promise<{ dir: string; files: string[]; built: boolean }>;
export function cacheFolder(root: string): Promise<string>;
/** esbuild's transform of `source`, made once and reused while source, options and lock file are the same (see cached-bundle.mjs). */
export function cachedTransform(cacheDir: string, name: string, root: string, source: string, options: TransformOptions): Promise<{ code: string; built: boolean }>;
