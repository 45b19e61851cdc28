/** Extractor identity recorded in every record; bump when output for the same input may change. */
export const EXTRACTOR = { name: 'xxgk-extract', version: '0.1.0' };
