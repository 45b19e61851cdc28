export * from './model';
export { extract, buildRecord, type ExtractOptions } from './pipeline/extract';
export { extractBatch, type BatchOptions, type BatchEvent } from './pipeline/batch';
export { Store, openStore } from './store/store';
export { collectInputs } from './pipeline/inputs';
export { writeOutputs } from './writers/output';
export { FIELDS, codesFor } from './schema/fields';
export { runChecks } from './checks/identities';
export { registerReader } from './readers/registry';
