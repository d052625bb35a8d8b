#!/usr/bin/env node
// Launcher for `npx wsgi-errors`: the tool is TypeScript, run in this same
// process through tsx's loader (no second Node start-up, no child to manage).
import { register } from 'tsx/esm/api';

register();
await import('../scripts/cli.ts');
