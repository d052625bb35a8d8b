// content/site.json: the site's title, description, origin and upstream docs.
import { readFile } from 'node:fs/promises';
import { defaultUpstream } from '../model/build-model.js';

export interface SiteFile {
  title: string;
  description: string;
  url: string;
  upstream: string;
}

const fallback: SiteFile = {
  title: 'mod_wsgi error reference',
  description: 'Every mod_wsgi error code: what it means, why it happened and what to do.',
  url: '',
  upstream: defaultUpstream
};

export async function readSiteFile(path: string): Promise<SiteFile> {
  const text = await readFile(path, 'utf8').catch(() => null);
  if (text === null) return fallback;
  const raw: unknown = JSON.parse(text);
  const data = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const str = (key: keyof SiteFile) => (typeof data[key] === 'string' ? (data[key] as string) : fallback[key]);
  return { title: str('title'), description: str('description'), url: str('url'), upstream: str('upstream') };
}
