/** Run scripts/<entry>.ts as a cached esbuild bundle in this process (see run-bundled.mjs). */
export function runBundled(root: string, entry: string, args: string[]): Promise<void>;
