import { normalizeRadicals, toHalfWidth } from '../util/text';

/**
 * Traditional → simplified for the characters that occur in the standard tables' labels and
 * titles (mirror sites publish traditional text). Deliberately small: only what labels need.
 */
const T2S: Record<string, string> = Object.fromEntries(
  ('與与 開开 請请 數数 處处 結结 轉转 總总 計计 機机 關关 權权 護护 屬属 國国 務务 過过 執执 詢询 項项 無无 現现 製制 補补 確确 復复 '
  + '費费 繳缴 對对 應应 規规 範范 許许 強强 罰罚 維维 糾纠 審审 訴诉 議议 業业 構构 組组 織织 會会 類类 內内 報报 條条 發发 廢废 '
  + '門门 獲获 舉举 訪访 據据 係系 為为 單单 採采 購购 額额 萬万 決决 險险 穩穩 傳传 個个 題题 產产 營营 層层 義义 實实 際际 '
  + '訊讯 資资 標标 準准 辦办 簽签 書书 號号 負负 責责 歲岁 級级 縣县 區区 鄉乡 鎮镇 廳厅 衛卫 醫医 療疗 藥药 監监 統统 紀纪 '
  + '經经 濟济 導导 區区 劃划 設设 環环 們们 來来 時时 間间 進进 還还 這这 裡里 當当 後后 記记 錄录 說说 讀读 連连 運运 '
  + '適适 選选 遞递 達达 問问 題题 頭头 點点 舊旧 場场 廣广 樂乐 邊边 讓让 認认 識识 證证 調调 調调 談谈 護护 歸归 '
  + '務务 務务 況况 況况 總总 另另 徑径 備备 託托 託托 鐵铁 錢钱 銀银 鐘钟 長长 陳陈 陽阳 陰阴 隊队 階阶 隨随 險险 '
  + '雖虽 難难 雲云 電电 靜静 頁页 須须 預预 領领 頻频 題题 顯显 風风 飛飞 養养 館馆 馬马 驗验 體体 髮发 鬥斗 鳥鸟 '
  + '黨党 齊齐 龍龙 龜龟 稅税 總总 補补 辭辞 農农 邁迈 遠远 適适 鄭郑 鎖锁 閱阅 闊阔 隱隐 雙双 離离 韓韩 額额 飯饭 '
  + '魚鱼 鹽盐 麥麦 黃黄 點点 齡龄 區区 嚴严 圖图 團团 壓压 壞坏 夠够 夢梦 奪夺 奮奋 婦妇 學学 寧宁 寶宝 將将 專专 '
  + '尋寻 導导 屆届 島岛 師师 帶带 幫帮 幹干 庫库 廠厂 廬庐 張张 彈弹 從从 復复 徵征 態态 慮虑 慶庆 懷怀 戰战 戶户 '
  + '擇择 擊击 擔担 據据 擬拟 擴扩 敗败 敵敌 斷断 於于 書书 術术 機机 權权 條条 棄弃 極极 樓楼 樣样 橫横 檢检 歡欢 '
  + '歷历 殘残 殺杀 氣气 決决 沒没 況况 淺浅 測测 滿满 漢汉 潔洁 濕湿 災灾 為为 無无 煙烟 營营 獨独 獎奖 現现 環环 '
  + '產产 畫画 當当 療疗 發发 盡尽 監监 盤盘 確确 礎础 禮礼 禦御 積积 稱称 穩稳 窮穷 競竞 筆笔 築筑 簡简 範范 '
  + '糧粮 紅红 約约 級级 紙纸 細细 終终 經经 綜综 緊紧 線线 編编 緣缘 縮缩 績绩 續续 罷罢 習习 聖圣 聞闻 聯联 聲声 '
  + '職职 聽听 腦脑 臨临 與与 舉举 艦舰 藝艺 蘇苏 蟲虫 補补 裝装 規规 視视 覺觉 觀观 訂订 計计 討讨 訓训 託托 記记 '
  + '設设 評评 試试 詳详 誌志 認认 誤误 說说 課课 調调 論论 諮咨 講讲 謝谢 證证 識识 警警 譯译 護护 讚赞 貝贝 財财 '
  + '責责 貨货 質质 購购 贊赞 趕赶 趨趋 跡迹 蹤踪 車车 軍军 軟软 較较 輔辅 輕轻 輸输 轄辖 辦办 農农 逕迳 週周 '
  + '郵邮 鄉乡 醫医 釋释 量量 針针 錄录 鍵键 長长 閉闭 開开 閑闲 間间 闡阐 陸陆 險险 隸隶 雜杂 離离 電电 需需 '
  + '韋韦 響响 順顺 頒颁 頭头 題题 類类 顧顾 飲饮 餘余 驅驱 體体 高高 鬧闹 鹹咸')
    .split(/\s+/).filter(Boolean).map((p) => [p[0], p[1]]),
);

/* One regex pass over the characters that have a simplified form: most text has none of them,
 * and a character-by-character rebuild of every string was a hot spot of the label matching. */
const TRADITIONAL = new RegExp(`[${Object.keys(T2S).join('')}]`, 'gu');

export function toSimplified(s: string): string {
  return s.replace(TRADITIONAL, (ch) => T2S[ch]);
}

/**
 * Canonical form used to compare labels: half-width, simplified, no whitespace or quotes,
 * Chinese/ASCII punctuation variants unified ("1、" = "1." = "1．", "（一）" = "(一)").
 */
export function normLabel(s: string): string {
  let t = normCache.get(s);
  if (t === undefined) {
    t = normLabelUncached(s);
    remember(normCache, s, t);
  }
  return t;
}

/** Labels repeat within a report and across reports (every cell text is tried as a label):
 * normalizing and splitting are pure, so results are kept, up to a bound per process. */
const MEMO_LIMIT = 50_000;
const normCache = new Map<string, string>();
const splitCache = new Map<string, SplitLabel>();
function remember<V>(m: Map<string, V>, k: string, v: V): void {
  if (m.size >= MEMO_LIMIT) m.clear();
  m.set(k, v);
}

function normLabelUncached(s: string): string {
  let t = toSimplified(normalizeRadicals(toHalfWidth(s.normalize('NFKC'))));
  t = t.replace(/\s+/g, '')
    .replace(/[“”"'‘’「」『』《》〈〉]/g, '')
    .replace(/[【〔［]/g, '(').replace(/[】〕］]/g, ')')
    .replace(/[、，,．]/g, (ch, off: number, all: string) => (ch === '、' || ch === '．') && /\d/.test(all[off - 1] ?? '') ? '.' : ch === '，' ? ',' : ch)
    .replace(/：/g, ':').replace(/；/g, ';');
  return t;
}

export interface SplitLabel {
  /** The numbering printed before the label: `一`, `(三)`, `2` ... (normalized), or ''. */
  numbering: string;
  /** Numbering kind: chinese top-level (一、), parenthesized (（一）), arabic (1.), or none. */
  kind: 'top' | 'paren' | 'arabic' | '';
  /** The label without numbering and without bracketed annotations. */
  core: string;
  /** Bracketed annotations removed from the core, e.g. "区分处理的,只计这一情形,不计其他情形". */
  notes: string[];
}

const CN_NUM = '一二三四五六七八九十';

/** Split a normalized label into numbering, core and annotations. */
export function splitLabel(label: string): SplitLabel {
  let r = splitCache.get(label);
  if (!r) {
    r = splitLabelUncached(label);
    remember(splitCache, label, r);
  }
  // A copy: callers own what they get.
  return { ...r, notes: [...r.notes] };
}

function splitLabelUncached(label: string): SplitLabel {
  let t = normLabel(label);
  let numbering = '';
  let kind: SplitLabel['kind'] = '';
  let m: RegExpMatchArray | null;
  // The opening bracket is optional: OCR drops or mangles it ("〈二)", "《七)").
  if ((m = t.match(new RegExp(`^\\(?([${CN_NUM}]+)\\)`)))) { numbering = m[1]; kind = 'paren'; }
  else if ((m = t.match(new RegExp(`^([${CN_NUM}]+)[.、,]`)))) { numbering = m[1]; kind = 'top'; }
  else if ((m = t.match(/^\(?(\d{1,2})[.)](?!\d)/))) { numbering = m[1]; kind = 'arabic'; }
  // OCR loses the small dot after a row's number ("3危及…" for "3.危及…"): a number right against
  // the label's first character is its numbering all the same.
  else if ((m = t.match(/^\(?([1-9]\d?)(?=[\u3400-\u9fff])/))) { numbering = m[1]; kind = 'arabic'; }
  if (m) t = t.slice(m[0].length);
  const notes: string[] = [];
  // Annotations in brackets anywhere after the start: "(区分处理的...)", "(设区的市...)", "(单位:万元)".
  t = t.replace(/\(([^()]*)\)/g, (_all, inner: string) => { notes.push(inner); return ''; });
  // A group label's first characters ("（五" of "（五）不予处理") set into a row's label by a text
  // layout that interleaved the two cells' lines: not part of the row's label.
  t = t.replace(new RegExp(`(?<=.)\\([${CN_NUM}]{1,3}(?=[^)${CN_NUM}])`, 'g'), '');
  // One left open at the end: the rest of the label wrapped away ("部分公开（区分处理的，只计" whose
  // "这一情形，不计其他情形）" comes after the row's values).
  t = t.replace(/(?<=.)\(([^()]*)$/, (_all, inner: string) => { notes.push(inner); return ''; });
  t = t.replace(/^[.、,:;]+|[.、,:;]+$/g, '');
  return { numbering, kind, core: t, notes };
}

/** Longest common subsequence length: tolerant label comparison for OCR errors and typos. */
export function lcs(a: string, b: string): number {
  const A = [...a], B = [...b];
  const prev = new Array(B.length + 1).fill(0);
  for (let i = 1; i <= A.length; i++) {
    let diag = 0;
    for (let j = 1; j <= B.length; j++) {
      const tmp = prev[j];
      prev[j] = A[i - 1] === B[j - 1] ? diag + 1 : Math.max(prev[j], prev[j - 1]);
      diag = tmp;
    }
  }
  return prev[B.length];
}

/** Similarity 0..1 of two normalized strings (Dice over LCS). */
export function similarity(a: string, b: string): number {
  if (!a.length || !b.length) return 0;
  if (a === b) return 1;
  return (2 * lcs(a, b)) / ([...a].length + [...b].length);
}
