// `--site-url` (and content/site.json's `url`) is the origin the site is
// served from: an absolute http(s) URL with nothing after the host. The base
// path has its own option; a path here would be applied twice or lost.

/** The origin without a trailing slash, or an explanation of what is wrong. */
export function parseSiteUrl(value: string): { origin: string } | { problem: string } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: `\`${value}\` is not an absolute URL (write it with its scheme: https://docs.example.org)` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: `\`${value}\` is not an http or https URL` };
  if (url.username || url.password) return { problem: `\`${value}\` carries a user name or password` };
  if (url.pathname !== '/' || url.search || url.hash || /[?#]/.test(value)) return { problem: `\`${value}\` is not an origin: give only scheme and host (https://docs.example.org), and the path with --base-path` };
  return { origin: url.origin };
}

/** `/`, `/prefix/` or `/a/b/`: segments of unreserved URL characters, no `.` or `..`. */
export function parseBasePath(value: string): { base: string } | { problem: string } {
  const segments = value.trim().split('/').filter((s) => s !== '');
  const bad = segments.find((s) => s === '.' || s === '..' || !/^[A-Za-z0-9._~-]+$/.test(s));
  if (bad !== undefined) return { problem: `\`${value}\` is not a base path: segment \`${bad}\` (use letters, digits, . _ ~ -, as in /mod_wsgi/)` };
  return { base: segments.length === 0 ? '/' : `/${segments.join('/')}/` };
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
