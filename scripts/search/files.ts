// Where the index stage writes the search data, below the base path. Kept
// apart from index-site.ts so the browser client and the CLI can name these
// files without loading Pagefind.
export const searchFiles = {
  matcher: 'search/matcher.json',
  entries: 'search/entries.json',
  /** Both of the above, gzipped: what the browser fetches (a plain static host would not compress them). */
  bundle: 'search/data.json.gz',
  pagefind: 'pagefind/'
} as const;
