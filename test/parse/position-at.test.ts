/**
 * positionAt remembers the last position asked of a buffer and decodes only what lies after it (hunt 14a: a 2.7 MB
 * schema spent 125 s converting every statement's prefix): the answers stay those of decoding the whole prefix, in
 * any order of offsets, with multi-byte characters and blank lines.
 */
import { describe, expect, it } from 'vitest';
import { positionAt } from '../../src/parse/split.js';

const whole = (buf: Buffer, offset: number) => {
  const before = buf.subarray(0, offset).toString('utf8');
  return { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') };
};

describe('positionAt', () => {
  it('answers as a decode of the whole prefix, offsets ascending, descending and repeated', () => {
    for (const text of ['a\nbé c', 'é\n\nxyz\n€€\nq', '\n\n\n', 'abc', '']) {
      const buf = Buffer.from(text, 'utf8');
      const starts = [...Array(buf.length + 1).keys()].filter((o) => o === buf.length || (buf[o]! & 0xc0) !== 0x80);
      for (const order of [starts, [...starts].reverse(), [...starts, ...starts]])
        for (const o of order) expect(positionAt(buf, o), `${JSON.stringify(text)} at ${o}`).toEqual(whole(buf, o));
    }
  });
});
