// The search data: the log-line matcher, the code cards and the names of
// Pagefind's first files, in one small gzipped bundle fetched once a page.
import { unpackEntries, type SearchEntries, type SearchEntry } from '../../scripts/search/entries.js';
import { searchFiles } from '../../scripts/search/files.js';
import type { PagefindStart, SearchBundle } from '../../scripts/search/index-site.js';
import type { MessageSegment } from '../../scripts/model/types.js';
import { createMatcher, type Matcher, type MatcherData, templateText } from '../../scripts/search/matcher.js';
import { createNearMatcher, type NearMatcher } from '../../scripts/search/near.js';

export interface Data {
  raw: MatcherData;
  matcher: Matcher;
  /** Closest messages for a line no message fits exactly; built from the same templates, nothing more to download. */
  near: NearMatcher;
  entries: Map<string, SearchEntry>;
  /** Each code's logged message. */
  messages: Map<string, string>;
  /** Each code's logged message as the model cut it (for marking shared words). */
  segments: Map<string, readonly MessageSegment[]>;
}

type Bundle = Partial<SearchBundle> & Pick<SearchBundle, 'matcher' | 'entries'>;

let fetched: Promise<Bundle> | null = null;
let pending: Promise<Data> | null = null;
let ready = false;

/** Whether the data has loaded on this page. */
export const dataReady = () => ready;

function bundle(base: string): Promise<Bundle> {
  fetched ??= fetchBundle(base);
  fetched.catch(() => (fetched = null));
  return fetched;
}

/** The names of Pagefind's first files, as soon as the bundle is read (before the matcher is built); null from the plain JSON files. */
export function pagefindStart(base: string): Promise<PagefindStart | null> {
  return bundle(base).then((b) => b.pagefind ?? null);
}

export function loadData(base: string): Promise<Data> {
  pending ??= bundle(base).then(async ({ matcher: raw, entries: cards }) => {
    // Building the matcher takes a few milliseconds of the main thread: first
    // let what waits for the same bundle (Pagefind's start) go ahead.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const messages = new Map<string, string>();
    const segments = new Map<string, readonly MessageSegment[]>();
    for (const t of raw.templates) {
      for (const code of t.codes) {
        messages.set(code, templateText(t));
        segments.set(code, t.segments);
      }
    }
    // The near matcher is built on first use (a few milliseconds): most queries never need it.
    let built: NearMatcher | null = null;
    const near: NearMatcher = {
      rank: (line, options) => (built ??= createNearMatcher(raw.templates)).rank(line, options),
      words: (line) => (built ??= createNearMatcher(raw.templates)).words(line)
    };
    ready = true;
    return { raw, matcher: createMatcher(raw), near, entries: new Map(unpackEntries(cards).map((e) => [e.code, e])), messages, segments };
  });
  pending.catch(() => (pending = null));
  return pending;
}

/**
 * The bundle is gzipped at build time because plain static hosts send JSON
 * uncompressed. A host that decompresses on the way (or a browser without
 * DecompressionStream) falls back to the plain JSON files.
 */
async function fetchBundle(base: string): Promise<Bundle> {
  if (typeof DecompressionStream === 'function') {
    const response = await fetch(base + searchFiles.bundle);
    if (response.ok) {
      const bytes = new Uint8Array(await response.arrayBuffer());
      const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
      const body = gzipped ? new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))) : new Response(bytes);
      return (await body.json()) as SearchBundle;
    }
  }
  const [matcher, entries] = await Promise.all([fetchJson<MatcherData>(base, searchFiles.matcher), fetchJson<SearchEntries>(base, searchFiles.entries)]);
  return { matcher, entries };
}

async function fetchJson<T>(base: string, file: string): Promise<T> {
  const response = await fetch(`${base}${file}`);
  if (!response.ok) throw new Error(`${file}: ${response.status}`);
  return (await response.json()) as T;
}
