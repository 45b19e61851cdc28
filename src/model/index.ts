export * from './messages';
export * from './document';
export * from './record';
