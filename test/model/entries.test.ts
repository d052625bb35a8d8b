// Extraction: what an ErrorEntry, a DirectiveEntry, the reference's intro and
// ladder, and the directive groups hold, read from the valid fixture folder.
import { describe, expect, it } from 'vitest';
import { segmentsOf } from '../../scripts/model/segments.js';
import { toText } from '../../scripts/model/text.js';
import type { DirectiveEntry, ErrorEntry } from '../../scripts/model/types.js';
import { modelOfFixtureFolder } from '../support.js';

const { model } = modelOfFixtureFolder('docs-valid');
const error = (code: string) => model.errors.find((e) => e.code === code) as ErrorEntry;
const directive = (name: string) => model.directives.find((d) => d.name === name) as DirectiveEntry;

describe('error entries', () => {
  it('builds one entry per labelled code, in code order, with no diagnostics', () => {
    expect(model.errors.map((e) => [e.code, e.number])).toEqual([
      ['WSGI0001', 1],
      ['WSGI0002', 2],
      ['WSGI0003', 3],
      ['WSGI0004', 4]
    ]);
    expect(model.diagnostics).toEqual([]);
  });

  it('takes the title without its code and dash, and places the entry at its label', () => {
    expect(error('WSGI0001').title).toBe('Interpreter could not start in a child');
    expect(error('WSGI0001').place).toEqual({ file: 'error-reference.rst', line: 35, column: 1, offset: 565 });
  });

  it('reads severity and source as plain values', () => {
    expect([error('WSGI0001').severity, error('WSGI0001').source]).toEqual(['CRIT', 'src/server/sample_start.c']);
    expect([error('WSGI0002').severity, error('WSGI0004').severity]).toEqual(['ALERT', 'WARNING']);
  });

  it('keeps the logged message as its literal template, with placeholders and the notes after it', () => {
    const logged = error('WSGI0001').loggedMessage;
    // The literal spans two lines in the source; its line break becomes a space.
    expect(logged?.template).toBe('Interpreter start failed for <group>; handlers are off in process <pid>.');
    expect(logged?.placeholders).toEqual(['group', 'pid']);
    expect(logged?.segments).toEqual(['Interpreter start failed for ', { name: 'group', shape: 'text' }, '; handlers are off in process ', { name: 'pid', shape: 'token' }, '.']);
    expect(toText(logged?.notes ?? [])).toBe('The <group> value is the application group name.');
    expect(error('WSGI0002').loggedMessage).toEqual({
      template: 'Daemon <name> failed to start.',
      segments: ['Daemon ', { name: 'name', shape: 'text' }, ' failed to start.'],
      placeholders: ['name'],
      forms: {},
      notes: []
    });
  });

  it('cuts a message at its placeholders once: quoted values, tokens, and angle brackets that are no placeholder', () => {
    expect(segmentsOf("Group '<group>' failed: <a b> <1x> <WSGIFoo> <i>")).toEqual([
      "Group '",
      { name: 'group', shape: 'quoted' },
      "' failed: <a b> <1x> ",
      { name: 'WSGIFoo', shape: 'text' },
      ' ',
      { name: 'i', shape: 'token' }
    ]);
    expect(segmentsOf('<path>')).toEqual([{ name: 'path', shape: 'text' }]);
    expect(segmentsOf('')).toEqual([]);
  });

  it('keeps cause, outcome and action as trees, several paragraphs included', () => {
    const e = error('WSGI0001');
    expect(e.cause?.map((b) => b.type)).toEqual(['paragraph']);
    expect(e.cause?.[0]).toMatchObject({ type: 'paragraph', children: expect.arrayContaining([expect.objectContaining({ type: 'role', name: 'ref', target: 'WSGI0002' })]) });
    expect(toText(e.outcome ?? [])).toBe('Requests served by this child get a server error.');
    expect(e.action?.map((b) => b.type)).toEqual(['paragraph', 'paragraph']);
    expect(e.action?.[1]?.position.start).toMatchObject({ line: 59, column: 4 });
  });

  it('reads fields written on one line the same as indented ones', () => {
    const e = error('WSGI0002');
    expect(toText(e.cause ?? [])).toBe('The daemon group set up by WSGIDaemonProcess hit a bad path.');
    expect(toText(e.outcome ?? [])).toBe('The daemon exits and is started again.');
  });

  it('marks a retired code, keeps its note and gives it no fields', () => {
    const e = error('WSGI0003');
    expect(e).toMatchObject({ retired: true, title: '(retired)', severity: null, source: null, loggedMessage: null, cause: null, outcome: null, action: null });
    expect(toText(e.retiredNote ?? [])).toMatch(/^This code was once logged when a lock could not be taken\./);
    expect(error('WSGI0001').retiredNote).toBeNull();
  });
});

describe('the reference page around the entries', () => {
  it('reads the title and the intro before the first subsection', () => {
    expect(model.reference?.title).toBe('Error Reference');
    expect(toText(model.reference?.intro ?? [])).toBe('This page explains the codes printed in front of serious log lines. A code never changes meaning once it is given out.');
  });

  it('reads the severity ladder in order, with the note after it', () => {
    expect(model.reference?.ladder.map((l) => [l.severity, l.meaningText])).toEqual([
      ['EMERG', 'The whole machine is in trouble.'],
      ['ALERT', 'One process cannot go on.'],
      ['CRIT', 'A service is degraded while others keep working.'],
      ['ERR', 'A single request or thread failed.'],
      ['WARNING', 'Something odd happened but work goes on.']
    ]);
    expect(toText(model.reference?.ladderNotes ?? [])).toBe('Codes are listed below in order.');
  });
});

describe('directive entries', () => {
  it('builds one entry per page, sorted by name, placed at the title', () => {
    expect(model.directives.map((d) => [d.name, d.docPath])).toEqual([
      ['WSGIDaemonProcess', 'configuration-directives/WSGIDaemonProcess'],
      ['WSGIProcessGroup', 'configuration-directives/WSGIProcessGroup'],
      ['WSGISocketPrefix', 'configuration-directives/WSGISocketPrefix']
    ]);
    expect(directive('WSGIDaemonProcess').place).toEqual({ file: 'configuration-directives/WSGIDaemonProcess.rst', line: 1, column: 1, offset: 0 });
  });

  it('reads description, syntax and the contexts as a list', () => {
    const d = directive('WSGIDaemonProcess');
    expect(d.descriptionText).toBe('Start a named group of worker processes.');
    expect(d.description?.map((n) => n.type)).toEqual(['text']);
    expect(toText(d.syntax ?? [])).toBe('WSGIDaemonProcess name [ options ]');
    expect(d.contexts).toEqual(['server config', 'virtual host']);
    expect(directive('WSGIProcessGroup').contexts).toEqual(['server config', 'virtual host', 'directory', '.htaccess']);
  });

  it('reads default and override when present, null when not', () => {
    expect(toText(directive('WSGIProcessGroup').default ?? [])).toBe('WSGIProcessGroup %{GLOBAL}');
    expect(directive('WSGIProcessGroup').override).toBe('FileInfo');
    expect([directive('WSGIDaemonProcess').default, directive('WSGIDaemonProcess').override]).toEqual([null, null]);
  });

  it('keeps the body after the fields, its options anchored by the label before each', () => {
    const d = directive('WSGIDaemonProcess');
    expect(d.body.map((b) => b.type)).toEqual(['paragraph', 'paragraph', 'target', 'optionBlock', 'target', 'optionBlock', 'optionBlock', 'heading', 'paragraph', 'code']);
    expect(d.options.map(({ id, name, signature, labelled }) => ({ id, name, signature, labelled }))).toEqual([
      { id: 'processes', name: 'processes', signature: 'processes=num', labelled: true },
      { id: 'threads', name: 'threads', signature: 'threads=num', labelled: true },
      { id: 'umask', name: 'umask', signature: 'umask=0007', labelled: false }
    ]);
    expect(d.options[0]?.place).toMatchObject({ line: 16, column: 1 });
    expect(d.sections).toEqual([{ id: 'examples', title: 'Examples' }]);
  });
});

describe('directive groups of configuration.rst', () => {
  it('makes one group per section, listing its toctree entries in order', () => {
    expect(model.configuration?.title).toBe('Configuration');
    expect(toText(model.configuration?.intro ?? [])).toBe('The directives are grouped by what they control.');
    expect(model.configuration?.groups).toEqual([
      { title: 'Daemon processes', directives: ['WSGIDaemonProcess', 'WSGIProcessGroup'] },
      { title: 'Sockets', directives: ['WSGISocketPrefix'] }
    ]);
    expect(model.configuration?.toctrees.map((t) => t.options)).toEqual([{ maxdepth: '1' }, { maxdepth: '1' }]);
  });
});
