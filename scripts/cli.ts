// wsgi-errors: the mod_wsgi error reference in a terminal (explain, scan,
// check-links). Run through bin/wsgi-errors.js; `wsgi-errors --help` for usage.
import { run } from './cli/run.js';

process.exitCode = await run(process.argv.slice(2));
