// Realistic values for logged-message placeholders, so tests can turn a
// documented template into the line an operator would paste.
import type { MessageSegment } from '../../scripts/model/types.js';
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

/** Fill every placeholder of a template; those with documented forms take their `variant`-th form. */
export function fillTemplate(segments: readonly MessageSegment[], forms: MatcherData['forms'], variant = 0): string {
  const fill = (s: MessageSegment, inner: boolean): string => {
    if (typeof s === 'string') return s;
    const options = inner ? undefined : forms[s.name];
    if (options && options.length > 0) return (options[variant % options.length] as MessageSegment[]).map((f) => fill(f, true)).join('');
    return values[s.name] ?? (inner ? 'shop' : 'value-1');
  };
  return segments.map((s) => fill(s, false)).join('');
}

export const apachePrefix = (level = 'error') => `[Sat Nov 21 19:54:23.643276 2026] [wsgi:${level}] [pid 4242:tid 140213] [client 203.0.113.9:51234] `;
