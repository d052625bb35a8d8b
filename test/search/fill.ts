// Realistic values for logged-message placeholders, so tests can turn a
// documented template into the line an operator would paste.
import type { MatcherData } from '../../scripts/search/matcher.js';

const values: Record<string, string> = {
  path: '/var/run/wsgi/wsgi.4242.0.1.sock',
  root: '/srv/jail',
  gid: '48',
  uid: '33',
  user: 'www-data',
  groups: 'www-data,deploy',
  group: 'shop',
  id: '140213',
  i: '7',
  N: '12',
  script: '/srv/shop/app.wsgi',
  filename: '/srv/shop/wsgi.py',
  callable: 'application',
  message: "No module named 'encodings'",
  type: 'RuntimeError',
  locale: 'de_DE.UTF-8',
  uri: '/admin/reports/',
  X: '3.11',
  Y: '3.12',
  'apr-error': 'Connection reset by peer',
  apr_strerror: 'Resource temporarily unavailable',
  target: 'udp://127.0.0.1:8125',
  value: 'gzip',
  header: 'X-Bad Header',
  'event-name': 'request_finished',
  process: 'embedded mode',
  'interp-context': "sub-interpreter 'shop.example.com'",
  name: 'shop.example.com',
  app: 'shop.example.com'
};

/** Fill every placeholder of `text`; shaped ones take their `variant`-th documented shape. */
export function fillTemplate(text: string, placeholders: readonly string[], shapes: MatcherData['shapes'], variant = 0): string {
  const names = new Set(placeholders);
  return text.replace(/<([^<>\s]+)>/g, (whole, name: string) => {
    if (!names.has(name)) return whole;
    const options = shapes[name];
    if (options && options.length > 0) {
      const shape = options[variant % options.length] as string;
      return shape.replace(/<([^<>\s]+)>/g, (_w, inner: string) => values[inner] ?? 'shop');
    }
    return values[name] ?? 'value-1';
  });
}

export const apachePrefix = (level = 'error') => `[Sat Nov 21 19:54:23.643276 2026] [wsgi:${level}] [pid 4242:tid 140213] [client 203.0.113.9:51234] `;
