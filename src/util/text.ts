/**
 * Text helpers shared by readers and the schema layer. Only character-level normalization lives
 * here; anything that knows about the report format belongs in src/schema.
 */

/** CJK Radicals Supplement code points that some PDF producers (Chromium/Skia) emit for ordinary
 * characters. NFKC folds the Kangxi radicals block (U+2F00–2FD5) but not this one. */
const RADICAL_SUPPLEMENT: Record<string, string> = {
  '⺠': '民', '⻓': '长', '⻔': '门', '⻜': '飞', '⻢': '马', '⻅': '见', '⻆': '角', '⻋': '车',
  '⻉': '贝', '⻚': '页', '⻛': '风', '⻝': '食', '⻦': '鸟', '⻥': '鱼', '⻩': '黄', '⻬': '齐',
  '⻮': '齿', '⻰': '龙', '⻳': '龟', '⺟': '母', '⺁': '厂', '⺇': '几', '⺈': '⺈', '⺊': '卜',
  '⺌': '小', '⺍': '小', '⺏': '尢', '⺐': '尢', '⺓': '幺', '⺔': '彐', '⺕': '彐', '⺖': '心',
  '⺗': '心', '⺘': '手', '⺙': '攴', '⺛': '旡', '⺝': '月', '⺞': '歹', '⺡': '水', '⺢': '水',
  '⺣': '火', '⺤': '爪', '⺥': '爪', '⺦': '丬', '⺧': '牛', '⺨': '犬', '⺩': '王', '⺪': '疋',
  '⺫': '目', '⺬': '示', '⺭': '示', '⺮': '竹', '⺯': '糸', '⺰': '纟', '⺱': '罒', '⺲': '罒',
  '⺳': '网', '⺴': '网', '⺵': '网', '⺶': '羊', '⺷': '羊', '⺸': '羊', '⺹': '耂', '⺺': '肀',
  '⺻': '聿', '⺼': '月', '⺽': '臼', '⺾': '艹', '⺿': '艹', '⻀': '艹', '⻁': '虎', '⻂': '衣',
  '⻃': '襾', '⻄': '西', '⻇': '覀', '⻈': '讠', '⻊': '足', '⻌': '辶', '⻍': '辶', '⻎': '辶',
  '⻏': '阝', '⻐': '钅', '⻑': '長', '⻒': '镸', '⻕': '门', '⻖': '阝', '⻗': '雨', '⻘': '青',
  '⻙': '韦', '⻞': '飠', '⻟': '食', '⻠': '饣', '⻡': '首', '⻤': '鬼', '⻧': '鹵', '⻨': '麦',
  '⻪': '黾', '⻭': '齿', '⻯': '龙', '⻲': '龜',
};

/** Map CJK radical code points (Kangxi U+2F00–2FD5 and Supplement U+2E80–2EF3) to the ordinary
 * character, leaving everything else untouched. */
export function normalizeRadicals(s: string): string {
  return s.replace(/[\u2E80-\u2EF3\u2F00-\u2FD5]/g, (ch) => {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x2f00) return ch.normalize('NFKC');
    return RADICAL_SUPPLEMENT[ch] ?? ch;
  });
}

/** Full-width ASCII to half-width, ideographic/no-break spaces to plain spaces. Keeps CJK punctuation. */
export function toHalfWidth(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00A0\u2002-\u200B\u202F\u205F\uFEFF]/g, (ch) => (ch === '\u200B' || ch === '\uFEFF' ? '' : ' '));
}

/** Remove spaces that sit between two CJK characters (or CJK and CJK punctuation): PDF and OCR
 * text often carries them, and they are never meaningful in Chinese. */
export function dropCjkSpaces(s: string): string {
  return s.replace(/([\u3000-\u303F\u3400-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF“”])[ \t]+(?=[\u3000-\u303F\u3400-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF“”])/g, '$1');
}
