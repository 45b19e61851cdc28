/** The three standard tables, one spec each: the only place that knows what they print. */
import { T2 } from './t2';
import { T3 } from './t3';
import { T4 } from './t4';

export { T2, T3, T4 };
export type { T2Column, T2Row, T2Spec } from './t2';
export type { T3Column, T3Row, T3Spec } from './t3';
export type { T4Block, T4Column, T4Spec } from './t4';
export * from './types';

/** The specs by table number. */
export const TABLES = { 2: T2, 3: T3, 4: T4 } as const;

/**
 * Words several tables print (总计 and 合计 head columns of 三 and 四 and are a row of 三; 其他 is a
 * column and a row of 三; 小计 is a subtotal any table may add): alone they name no table.
 */
export const SHARED_WORDS: readonly string[] = ['总计', '合计', '其他', '小计'];
