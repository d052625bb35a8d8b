// npm run build [-- --docs DIR] [--out DIR] [--base-path /prefix/] [--site-url URL] [--runbooks DIR]
// read -> model -> render -> site (Eleventy) -> index, into a temporary folder
// that replaces the output only when everything succeeded.
import { parseArgs } from 'node:util';
import { reporter } from 'vfile-reporter';
import { buildSite, BuildError } from './site/build-site.js';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      docs: { type: 'string', default: 'content' },
      out: { type: 'string', default: '_site' },
      'base-path': { type: 'string', default: '/' },
      'site-url': { type: 'string' },
      upstream: { type: 'string' },
      runbooks: { type: 'string' },
      quiet: { type: 'boolean', default: false }
    }
  });
  const started = performance.now();
  try {
    const result = await buildSite({
      docs: values.docs as string,
      out: values.out as string,
      basePath: values['base-path'] as string,
      ...(values['site-url'] !== undefined ? { siteUrl: values['site-url'] } : {}),
      ...(values.upstream !== undefined ? { upstream: values.upstream } : {}),
      ...(values.runbooks !== undefined ? { runbooks: values.runbooks } : {})
    });
    const report = reporter(result.files, { quiet: true });
    if (report) process.stderr.write(report + '\n');
    if (!values.quiet) {
      const s = ((performance.now() - started) / 1000).toFixed(2);
      const runbooks = result.model.runbooks.length;
      process.stdout.write(`Built ${result.counts.errors} code pages, ${result.counts.directives} directive pages and ${runbooks} runbook${runbooks === 1 ? '' : 's'} into ${values.out} in ${s} s\n`);
      if (!result.siteUrl) process.stdout.write('Note: no --site-url (or "url" in content/site.json): canonical links and sitemap.xml use paths, not full URLs.\n');
    }
    return 0;
  } catch (error) {
    if (error instanceof BuildError) {
      const report = reporter(error.files, { quiet: true });
      if (report) process.stderr.write(report + '\n');
      process.stderr.write(`build failed: ${error.message}; ${values.out} was left as it was\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main();
