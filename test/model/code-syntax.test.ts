// Code syntax: the one module every stage takes its code tests, parses and
// regular-expression sources from.
import { describe, expect, it } from 'vitest';
import { codeInLine, codeInText, codeNumber, codeOfLine, firstCode, formatCode, isCode, isPartialCode, mentionPattern, parseCode, parseQueryCode, spelledCode, spelledCodeAt } from '../../scripts/model/code-syntax.js';

describe('code syntax', () => {
  it('knows the canonical code and writes it out', () => {
    for (const c of ['WSGI0001', 'WSGI0210', 'WSGI9999']) expect(isCode(c), c).toBe(true);
    for (const c of ['wsgi0001', 'WSGI001', 'WSGI00011', ' WSGI0001', 'WSGI-0001']) expect(isCode(c), c).toBe(false);
    expect([formatCode(30), formatCode('117'), codeNumber('WSGI0030')]).toEqual(['WSGI0030', 'WSGI0117', 30]);
    expect(firstCode('`WSGI0999` is not a code (nearest: WSGI0039)')).toBe('WSGI0999');
    expect(firstCode('no code here')).toBeNull();
  });

  it('reads a typed code: four bare digits in a search box, fewer on a command line', () => {
    for (const q of ['WSGI0030', 'wsgi0030', 'WSGI-0030', 'wsgi_0030', 'WSGI 0030', 'wsgi30', '0030', 'WSGI0030:', '(wsgi0030).', '"WSGI0030"']) expect(parseCode(q), q).toBe('WSGI0030');
    for (const q of ['30', '030', '12345', 'WSGI00300', 'WSGI0030 failed', 'the 0030', '']) expect(parseCode(q), q).toBeNull();
    for (const q of ['30', '030', '0030', 'wsgi30', 'wsgi-0030', 'WSGI0030:']) expect(parseCode(q, { shortDigits: true }), q).toBe('WSGI0030');
    for (const q of ['daemon', '12345', 'wsgi']) expect(parseCode(q, { shortDigits: true }), q).toBeNull();
  });

  it('reads a code typed in the search box: 117, wsgi117 and WSGI117 where that code exists', () => {
    const allocated = (code: string) => code === 'WSGI0117' || code === 'WSGI0030';
    for (const q of ['117', 'wsgi117', 'WSGI117', 'WSGI0117', '0117', ' 117. ']) expect(parseQueryCode(q, allocated), q).toBe('WSGI0117');
    expect(parseQueryCode('30', allocated)).toBe('WSGI0030');
    expect(parseQueryCode('999', allocated)).toBeNull();
    // Spelled with wsgi, or four digits, it is a code whether allocated or not.
    expect(parseQueryCode('wsgi999', allocated)).toBe('WSGI0999');
    expect(parseQueryCode('0999', allocated)).toBe('WSGI0999');
    for (const q of ['12345', '117 bells', 'x117', '']) expect(parseQueryCode(q, allocated), q).toBeNull();
  });

  it('finds a code in a log line, not inside a longer word or number', () => {
    expect(codeOfLine('[wsgi:error] [pid 1] WSGI0117: Unable to connect')).toBe('WSGI0117');
    expect(codeOfLine('see wsgi-0030 and WSGI0031')).toBe('WSGI0030');
    for (const l of ['xwsgi0030', 'wsgi00305', '[wsgi:error] no code']) expect(codeOfLine(l), l).toBeNull();
    // The scanner's fast forms agree with codeInLine on lower-cased text.
    const sticky = new RegExp(spelledCodeAt, 'y');
    sticky.lastIndex = 4;
    expect(sticky.exec('see wsgi_0030.')?.[1]).toBe('0030');
    expect(new RegExp(spelledCode).test('wsgi 0030')).toBe(true);
    expect(codeInLine.exec('WSGI 0030')?.[1]).toBe('0030');
  });

  it('finds a code in an address or a query, and knows one being typed', () => {
    expect(codeInText('/errors/wsgi30/')).toBe('WSGI0030');
    expect(codeInText('/errors/nothing/')).toBeNull();
    expect(codeInText('see WSGI0117 here', { fourDigits: true })).toBe('WSGI0117');
    expect(codeInText('WSGI01', { fourDigits: true })).toBeNull();
    for (const q of ['w', 'wsg', 'WSGI01', 'wsgi-', '01']) expect(isPartialCode(q), q).toBe(true);
    for (const q of ['wsgi daemon', 'daemon', 'WSGI01x']) expect(isPartialCode(q), q).toBe(false);
  });

  it('mentions codes and directive names in prose', () => {
    mentionPattern.lastIndex = 0;
    expect('See WSGI0030, WSGISocketPrefix and WSGI00301 or wsgi0030.'.match(mentionPattern)).toEqual(['WSGI0030', 'WSGISocketPrefix']);
  });
});
