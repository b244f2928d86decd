export * from './identity.js';
export * from './people-file.js';
