/** Per-agent baselines (persisted) and per-agent/per-session sequence state (memory only). */
export { AgentBaseline, BaselineSnapshotSchema, isLearning, type BaselineObservation, type BaselineSnapshot } from './agent-baseline';
export { BaselineStore, type BaselineStoreOptions } from './baseline-store';
export { InMemoryBaselineRepository, type BaselineRepository } from './repository';
export { SequenceStore, type SequenceStoreOptions, type SequenceView } from './sequence-store';
