export * from './strimzi/release';
