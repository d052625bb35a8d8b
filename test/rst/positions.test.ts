// Every node has a position, and line/column/offset agree with the source.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../scripts/model/build-model.js';
import { allNodes, fixturePath, parse, parseFixture, positionProblems, readDocsFixture, readFixture } from '../support.js';

const rstFixtures = readdirSync(fixturePath('rst')).filter((f) => f.endsWith('.rst'));

describe('positions of parsed fixtures', () => {
  it.each(rstFixtures)('every node of rst/%s has a consistent line, column and offset', (name) => {
    const { tree, file } = parseFixture(`rst/${name}`);
    const doc = String(file.value);
    const nodes = allNodes(tree);
    expect(nodes.length).toBeGreaterThan(3);
    expect(nodes.flatMap((n) => positionProblems(n, doc))).toEqual([]);
  });

  it('places a text node exactly where its words are', () => {
    const { tree, file } = parseFixture('rst/fields.rst');
    const doc = String(file.value);
    for (const n of allNodes(tree)) {
      if (n.type !== 'text' && n.type !== 'inlineCode') continue;
      const slice = doc.slice(n.position.start.offset, n.position.end.offset);
      if (n.type === 'text') expect(slice.replace(/\s+/g, ' ')).toBe(n.value.replace(/\s+/g, ' '));
      else expect(slice.replace(/\s+/g, ' ')).toBe(`\`\`${n.value}\`\``);
    }
  });

  it.each(rstFixtures)('keeps positions consistent in rst/%s with CRLF line endings', (name) => {
    const { tree: lf } = parseFixture(`rst/${name}`);
    const crlf = readFixture(`rst/${name}`).replace(/\n/g, '\r\n');
    const { tree } = parse(crlf);
    const nodes = allNodes(tree);
    expect(nodes.map((n) => n.type)).toEqual(allNodes(lf).map((n) => n.type));
    expect(nodes.flatMap((n) => positionProblems(n, crlf))).toEqual([]);
  });
});

describe('positions in the model trees', () => {
  it('every node of a linked fixture folder (mentions included) has a consistent position', () => {
    const inputs = readDocsFixture('docs-valid');
    const { model } = buildModel(inputs);
    const doc = (file: string) => inputs.find((i) => i.path === file)?.value ?? '';
    const problems: string[] = [];
    let mentions = 0;
    for (const e of model.errors) {
      const blocks = [...(e.loggedMessage?.notes ?? []), ...(e.cause ?? []), ...(e.outcome ?? []), ...(e.action ?? []), ...(e.retiredNote ?? [])];
      for (const b of blocks) {
        for (const n of allNodes(b)) {
          if (n.type === 'mention') mentions += 1;
          problems.push(...positionProblems(n, doc(e.place.file)));
        }
      }
    }
    for (const d of model.directives) {
      for (const b of d.body) for (const n of allNodes(b)) problems.push(...positionProblems(n, doc(d.place.file)));
    }
    expect(mentions).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
