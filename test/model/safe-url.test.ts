import { describe, expect, it } from 'vitest';
import { isSafeUrl } from '../../scripts/model/safe-url.js';

describe('isSafeUrl', () => {
  it.each(['https://example.org/x', 'http://a', 'HTTPS://A', 'mailto:ops@example.org', '../x.html', 'x/y', '#frag', '?q=1', '/abs/path', '//cdn.example.org/x', './a:b'])('allows %s', (url) => {
    expect(isSafeUrl(url)).toBe(true);
  });
  it.each(['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', '\x01javascript:x', 'data:text/html,<b>x</b>', 'vbscript:x', 'file:///etc/passwd', 'ftp://x'])('refuses %j', (url) => {
    expect(isSafeUrl(url)).toBe(false);
  });
});
