export * from './messages';
export * from './document';
export * from './record';
export * from './facts';
export * from './policy';
