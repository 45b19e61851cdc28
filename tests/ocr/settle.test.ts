import { asNumberText } from '../../src/ocr/cells';
import type { RecReading } from '../../src/ocr/ppocr/recognize';
import { settle, UNSURE } from '../../src/ocr/read-cells';

/** A reading whose characters carry probabilities (and optional second choices). */
const rd = (chars: [string, number, string?][]): RecReading => {
  const cs = chars.map(([ch, p, alt]) => ({ ch, p, ...(alt !== undefined ? { alt, altP: 1 - p } : {}) }));
  return { text: cs.map((c) => c.ch).join(''), confidence: cs.length ? Math.min(...cs.map((c) => c.p)) : 0.99, chars: cs };
};

describe('settling a cell between its general and value-constrained decodings', () => {
  it('agreeing decodings keep the constrained confidence', () => {
    const r = settle(rd([['1', 0.7], ['4', 0.99]]), rd([['1', 0.93], ['4', 0.99]]));
    expect(r).toEqual({ text: '14', confidence: 0.93 });
  });

  it('a number spelled with a look-alike letter is that number when the constraint agrees', () => {
    const r = settle(rd([['1', 0.98], ['O', 0.6]]), rd([['1', 0.98], ['0', 0.95]]));
    expect(r).toEqual({ text: '10', confidence: 0.95 });
  });

  it('an unsure digit keeps its second choice as an alternative, below the unsure line', () => {
    const r = settle(rd([['3', 0.55, '8']]), rd([['3', 0.55, '8']]));
    expect(r.text).toBe('3');
    expect(r.alternatives).toEqual(['8']);
    expect(r.confidence).toBeLessThan(UNSURE);
  });

  it('a value the constraint had to force is not sure, and the general reading is its rival', () => {
    const r = settle(rd([['了', 0.95]]), rd([['7', 0.9]]));
    expect(r.text).toBe('7');
    expect(r.alternatives).toEqual(['了']);
    expect(r.confidence).toBeLessThan(UNSURE);
  });

  it('a label the model is sure of stays a label in a value column; a placeholder stays as read', () => {
    expect(settle(rd([['总', 0.95], ['计', 0.97]]), rd([['8', 0.2]])).text).toBe('总计');
    expect(settle(rd([['无', 0.96]]), rd([['无', 0.96]]))).toEqual({ text: '无', confidence: 0.96 });
  });

  it('text the constraint reads as nothing stays text, flagged', () => {
    const r = settle(rd([['a', 0.9]]), rd([]));
    expect(r.text).toBe('a');
    expect(r.confidence).toBeLessThan(UNSURE);
  });

  it('a weak character whose runner-up is the blank has "no character" as its rival', () => {
    // A sign the model half sees in dust before a 1: "-1" or "1".
    const r = settle(rd([['-', 0.56, ''], ['1', 0.98]]), rd([['-', 0.56, ''], ['1', 0.98]]));
    expect(r.text).toBe('-1');
    expect(r.alternatives).toEqual(['1']);
    // A lone weak digit: "nothing" is no rival, the cell has ink.
    expect(settle(rd([['0', 0.6, '']]), rd([['0', 0.6, '']])).alternatives).toBeUndefined();
  });

  it('a sign after the digits is dust, not part of the value', () => {
    expect(settle(rd([['0', 0.9], ['-', 0.4]]), rd([['0', 0.9], ['-', 0.4]])).text).toBe('0');
    expect(settle(rd([['-', 0.9]]), rd([['-', 0.9]])).text).toBe('-');
  });

  it('reads digit look-alikes as numbers only in numeric cells', () => {
    expect(asNumberText('1O')).toBe('10');
    expect(asNumberText('l4')).toBe('14');
    expect(asNumberText('其他')).toBeNull();
    expect(asNumberText('OK')).toBeNull();
  });
});
