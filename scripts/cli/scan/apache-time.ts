// The timestamp parse lives with the matcher (scripts/search/apache-time.ts),
// which the browser's triage page also bundles; the scanner imports it here.
export { apacheTime } from '../../search/apache-time.js';
