export * from './catch-input-error.js';
export * from './evidence-fixture.js';
export { sampleEvidence, sampleResults, sampleRunDraft } from './fixtures.js';
export { type LockerContractOptions, type LockerUnderTest, lockerContract } from './locker-contract.js';
