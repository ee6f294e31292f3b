export * from './platform';
export * from './strimzi/release';
export * from './strimzi/crds';
export * from './strimzi/operator';
