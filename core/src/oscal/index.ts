export * from './assessment-results.js';
export * from './uuid-v5.js';
