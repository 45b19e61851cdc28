/** The three standard tables, one spec each: the only place that knows what they print. */
export { T2, type T2Column, type T2Row, type T2Spec } from './t2';
export { T3, type T3Column, type T3Row, type T3Spec } from './t3';
export { T4, type T4Block, type T4Column, type T4Spec } from './t4';
export * from './types';

/**
 * Words several tables print (总计 heads columns of 三 and 四 and is a row of 三; 其他 is a column
 * and a row of 三; 小计 is printed by some reports in 三 and elsewhere): alone they name no table.
 */
export const SHARED_WORDS: readonly string[] = ['总计', '合计', '其他', '小计'];
