import { runChecks } from '../../src/checks/identities';
import type { CellValue } from '../../src/model';
import { blockIn, t3ColumnOf, t4BlockOf, t4ColumnOf } from '../../src/schema/cues';
import { codesFor, FIELD_BY_CODE, T3_ROWS } from '../../src/schema/fields';
import { matchLabel, T2_COLUMN_LABELS, T2_ROW_LABELS } from '../../src/schema/labels';
import { T2, T3, T4 } from '../../src/schema/spec';
import { matchT3Label } from '../../src/schema/t3';

const printings = (p: string | Partial<Record<string, string>>) => (typeof p === 'string' ? [p] : Object.values(p) as string[]);

describe('table specs: everything a spec names is found by what is derived from it', () => {
  it('table 二 rows and columns by every printed label and alias', () => {
    for (const r of T2.rows) for (const l of [...printings(r.label), ...(r.aliases ?? [])]) expect([l, matchLabel(l, T2_ROW_LABELS)?.entry.key]).toEqual([l, r.key]);
    for (const c of T2.columns) for (const l of [...printings(c.label), ...(c.aliases ?? [])]) expect([l, matchLabel(l, T2_COLUMN_LABELS)?.entry.key]).toEqual([l, c.key]);
  });

  it('table 三 rows by label and alias, inside their heading', () => {
    for (const r of T3.rows) {
      // Aliases as printed, after the row's numbering: "（六）其他" (a bare 其他 is ambiguous, see labels.test.ts).
      const numbering = /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)/.exec(r.label)![0];
      for (const l of [r.label, ...(r.aliases ?? []).map((a) => numbering + a)]) {
        const group = r.under && T3.rows.find((x) => x.key === r.under)?.under ? r.under : undefined;
        expect([l, matchT3Label(l, group)?.entry.key]).toEqual([l, r.key]);
      }
    }
    for (const c of T3.columns) for (const l of [c.label, ...(c.aliases ?? [])]) expect([l, t3ColumnOf(l)]).toEqual([l, c.key]);
  });

  it('table 四 blocks and columns, and blocks named inside captions', () => {
    for (const b of T4.blocks) for (const l of [b.label, ...(b.aliases ?? [])]) expect([l, t4BlockOf(l)]).toEqual([l, b.key]);
    for (const c of T4.columns) for (const l of [c.label, ...(c.aliases ?? [])]) expect([l, t4ColumnOf(l)]).toEqual([l, c.key]);
    // 复议后起诉 and 未经复议直接起诉 contain 复议 too: the litigation blocks win.
    expect(blockIn('（三）行政诉讼（复议后起诉）')).toBe('suit_after_review');
    expect(blockIn('行政诉讼：未经复议直接起诉')).toBe('suit_direct');
    expect(blockIn('四、政府信息公开行政复议、行政诉讼情况')).toBe('review');
    expect(t4BlockOf('行政诉讼')).toBeUndefined();
  });

  it('an alias added to one spec line reaches matching', () => {
    // Fresh module registries: the spec is edited before the dictionaries are derived from it.
    jest.isolateModules(() => {
      const t3 = require('../../src/schema/t3') as typeof import('../../src/schema/t3');
      expect(t3.matchT3Label('（一）同意公开')).toBeNull();
    });
    jest.isolateModules(() => {
      const spec = require('../../src/schema/spec') as typeof import('../../src/schema/spec');
      spec.T3.rows.find((r) => r.key === 'granted')!.aliases = ['同意公开'];
      spec.T4.columns.find((c) => c.key === 'pending')!.aliases = ['未审结'];
      const t3 = require('../../src/schema/t3') as typeof import('../../src/schema/t3');
      const cues = require('../../src/schema/cues') as typeof import('../../src/schema/cues');
      expect(t3.matchT3Label('（一）同意公开')?.entry.key).toBe('granted');
      expect(cues.t4ColumnOf('未审结')).toBe('pending');
    });
  });
});

describe('field codes derived from the specs', () => {
  it('labels a cell both formats print with both wordings', () => {
    expect(FIELD_BY_CODE.get('t2.licensing.decisions')).toMatchObject({ versions: ['2019', '2021'], columnLabel: '本年处理决定数量 (2019: 处理决定数量)', unit: '件' });
    expect(FIELD_BY_CODE.get('t2.other_services.decisions')).toMatchObject({ versions: ['2019'], columnLabel: '处理决定数量' });
    expect(FIELD_BY_CODE.get('t2.fees.amount')).toMatchObject({ versions: ['2021'], unit: '万元', type: 'decimal' });
    expect(FIELD_BY_CODE.get('t2.procurement.amount')).toMatchObject({ versions: ['2019'], unit: '元', type: 'decimal' });
    expect(FIELD_BY_CODE.get('t2.licensing.change')).toMatchObject({ unit: '项', type: 'signed integer' });
    expect(FIELD_BY_CODE.get('t2.normative_docs.issued')?.rowLabel).toBe('行政规范性文件');
    expect(FIELD_BY_CODE.get('t2.normative_docs.new_made')?.rowLabel).toBe('规范性文件');
  });

  it('gives 2019\'s （六） one row and 2021 three, headings none', () => {
    expect(T3_ROWS.filter((r) => r.key.startsWith('other')).map((r) => [r.key, r.versions.join()])).toEqual([
      ['other.combined', '2019'], ['other.overdue_correction', '2021'], ['other.overdue_fee', '2021'], ['other.misc', '2021'],
    ]);
    expect(T3_ROWS.some((r) => ['results', 'withheld', 'other'].includes(r.key))).toBe(false);
    expect(codesFor(3, '2019')).toContain('t3.other.combined.total');
    expect(codesFor(3, '2021')).not.toContain('t3.other.combined.total');
  });
});

describe('identities declared in the specs', () => {
  const cells = (vals: Record<string, number | null>): Record<string, CellValue> =>
    Object.fromEntries(Object.entries(vals).map(([k, v]) => [k, { value: v, raw: String(v ?? ''), rowLabel: '', columnLabel: '' }]));

  it('table 三 balance per column: 一 + 二 = （七）总计 + 四', () => {
    const c = cells({ 't3.new_received.natural_person': 5, 't3.carried_over.natural_person': 1, 't3.total_processed.natural_person': 4, 't3.carried_forward.natural_person': 1 });
    const balance = runChecks(c).filter((x) => x.id === 't3.balance');
    expect(balance).toHaveLength(1);
    expect(balance[0]).toMatchObject({ scope: 'table 三 column 自然人', outcome: 'fail', left: 6, right: 5 });
  });

  it('table 三 results sum over the rows of the shape under 三、本年度办理结果', () => {
    const c = cells({ 't3.total_processed.total': 3, 't3.granted.total': 2, 't3.other.combined.total': 1 });
    const for19 = runChecks(c, '2019').find((x) => x.id === 't3.results_sum')!;
    expect(for19.outcome).toBe('skipped');
    expect(Object.keys(for19.values)).toContain('t3.other.combined.total');
    expect(Object.keys(for19.values)).not.toContain('t3.other.misc.total');
    expect(Object.keys(runChecks(c, '2021').find((x) => x.id === 't3.results_sum')!.values)).toContain('t3.other.misc.total');
  });

  it('table 三 row sum: 总计 = the six applicant columns, 小计 not among them', () => {
    const row = { natural_person: 1, commercial: 1, research: 0, social_welfare: 0, legal_services: 0, other_org: 1, total: 3 };
    const c = cells(Object.fromEntries(Object.entries(row).map(([k, v]) => [`t3.granted.${k}`, v])));
    const sum = runChecks(c).find((x) => x.id === 't3.row_sum')!;
    expect(sum).toMatchObject({ scope: 'table 三 row 三、本年度办理结果 / （一）予以公开', outcome: 'pass', left: 3, right: 3 });
    expect(Object.keys(sum.values)).toHaveLength(7);
  });
});
