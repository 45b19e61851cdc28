import { crossYearChecks } from '../../src/checks/across-years';
import { extract } from '../../src/pipeline/extract';
import { buildReport } from '../helpers/report-builder';

describe('identities across years of one body', () => {
  it('chains 上年结转 to last year\'s 结转下年度, and reports a break', async () => {
    // The builder's reports carry over 1 and carry forward 2 (自然人 and 总计): a 2022 → 2023 chain breaks.
    const y1 = await extract(Buffer.from(buildReport('2021', { year: 2022 }).html), { name: 'a-2022.html' });
    const y2 = await extract(Buffer.from(buildReport('2021', { year: 2023 }).html), { name: 'a-2023.html' });
    const other = await extract(Buffer.from(buildReport('2021', { year: 2022, agency: '另一个局' }).html), { name: 'b-2022.html' });
    const checks = crossYearChecks([y2, other, y1]);
    const carry = checks.filter((c) => c.id === 't3.carry_chain');
    expect(carry).toHaveLength(7);
    expect(carry.every((c) => c.year === 2023 && c.previousFile === 'a-2022.html')).toBe(true);
    expect(carry.find((c) => c.scope.endsWith('自然人'))).toMatchObject({ outcome: 'fail', left: 1, right: 2 });
    expect(carry.find((c) => c.scope.endsWith('商业企业'))).toMatchObject({ outcome: 'pass', left: 0, right: 0 });
    const inForce = checks.find((c) => c.id === 't2.in_force_chain' && c.scope.includes('规章'));
    expect(inForce).toMatchObject({ outcome: 'fail', left: 5, right: 6 }); // 5 + 1 − 0
  });
});
