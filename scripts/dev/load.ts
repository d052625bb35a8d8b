// The code `npm run dev` loads while it runs. The build engine (templates
// included) is a bundle of its own, made with the options the launcher uses
// (scripts/run-bundled.mjs) and cached the same way: loaded again after a
// template changes, it renders with the new templates in the same process,
// the server and the open pages untouched. The dev client is bundled for the
// browser from public/dev/.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cacheFolder, cachedBundle } from '../cached-bundle.mjs';
import { projectRoot } from '../project.js';
import { nodeBundleOptions } from '../run-bundled.mjs';

export type EngineModule = typeof import('./engine.js');

export async function loadEngine(): Promise<EngineModule> {
  const bundle = await cachedBundle(await cacheFolder(projectRoot), 'dev-engine', projectRoot, nodeBundleOptions(['scripts/dev/engine.ts']));
  return (await import(pathToFileURL(path.join(bundle.dir, 'engine.mjs')).href)) as EngineModule;
}

export async function loadClient(): Promise<{ js: string; css: string }> {
  const bundle = await cachedBundle(await cacheFolder(projectRoot), 'dev-client', projectRoot, {
    entryPoints: ['public/dev/client.ts'],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    legalComments: 'none'
  });
  const [js, css] = await Promise.all([readFile(path.join(bundle.dir, 'client.js'), 'utf8'), readFile(path.join(projectRoot, 'public/dev/overlay.css'), 'utf8')]);
  return { js, css };
}
