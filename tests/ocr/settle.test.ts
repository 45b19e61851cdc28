import { settle, UNSURE } from '../../src/ocr/read-cells';
import { asNumberText } from '../../src/ocr/cells';

describe('settling a cell between OCR readings', () => {
  it('agreeing readings keep a high confidence', () => {
    const r = settle({ text: '14', confidence: 0.7 }, [{ text: '14', confidence: 0.93 }]);
    expect(r).toEqual({ text: '14', confidence: 0.93 });
  });

  it('disagreeing numbers keep the majority and list the rival, below the unsure line', () => {
    const r = settle({ text: '3', confidence: 0.6 }, [{ text: '8', confidence: 0.9 }, { text: '3', confidence: 0.7 }], [{ text: '3', confidence: 0.6 }]);
    expect(r.text).toBe('3');
    expect(r.alternatives).toEqual(['8']);
    expect(r.confidence).toBeLessThan(UNSURE);
  });

  it('a number only the digit pass saw is not sure', () => {
    const r = settle({ text: '允', confidence: 0.4 }, [{ text: '7', confidence: 0.95 }]);
    expect(r.text).toBe('7');
    expect(r.confidence).toBeLessThan(UNSURE);
  });

  it('a sure single character against a digit reading: the number, flagged, with the character as rival', () => {
    const r = settle({ text: '了', confidence: 0.95 }, [{ text: '7', confidence: 0.9 }]);
    expect(r.text).toBe('7');
    expect(r.alternatives).toEqual(['了']);
    expect(r.confidence).toBeLessThan(UNSURE);
  });

  it('a label the general model is sure of stays a label in a value column', () => {
    expect(settle({ text: '总计', confidence: 0.95 }, [{ text: '8', confidence: 0.5 }]).text).toBe('总计');
    expect(settle({ text: '无', confidence: 0.96 }, [{ text: '', confidence: 0 }]).text).toBe('无');
  });

  it('reads digit look-alikes of the Chinese model as numbers only in numeric cells', () => {
    expect(asNumberText('1O')).toBe('10');
    expect(asNumberText('l4')).toBe('14');
    expect(asNumberText('其他')).toBeNull();
    expect(asNumberText('OK')).toBeNull();
  });
});
