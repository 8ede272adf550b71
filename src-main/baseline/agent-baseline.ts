/**
 * One agent's behavioral baseline: how often it uses each tool, verb, target and action type,
 * at which local hours, and how fast it acts. Updated incrementally on every decision; round-trips
 * through a plain JSON snapshot so it survives restarts.
 */
import { z } from 'zod';
import { BoundedCounter } from './bounded-counter';

export interface BaselineParams {
  maxKeys: number;
  rateHalfLifeSeconds: number;
  typicalRateAlpha: number;
}

/** One decided action, reduced to what the baseline counts. */
export interface BaselineObservation {
  tool: string;
  verb: string;
  target: string;
  type: string;
  /** Local hour 0–23 in the agent's time zone. */
  hour: number;
  /** Epoch milliseconds. */
  at: number;
}

const count = z.number().min(0);
const TYPICAL_CLIP = 2;

export const BaselineSnapshotSchema = z.strictObject({
  version: z.literal(1),
  observations: z.number().int().min(0),
  /** Epoch ms of the first and latest observation; null before the first. */
  first_seen: z.number().nullable(),
  last_seen: z.number().nullable(),
  tools: z.record(z.string(), count),
  verbs: z.record(z.string(), count),
  targets: z.record(z.string(), count),
  types: z.record(z.string(), count),
  hours: z.array(count).length(24),
  rate: z.strictObject({
    /** Exponentially weighted actions per second as of `last_seen`. */
    short_per_second: count,
    /** EWMA of `short_per_second` sampled at each action: the agent's usual pace while active. */
    typical_per_second: count,
  }),
});

export type BaselineSnapshot = z.infer<typeof BaselineSnapshotSchema>;

export class AgentBaseline {
  observations = 0;
  firstSeen: number | undefined;
  lastSeen: number | undefined;
  readonly hours = new Float64Array(24);
  shortRate = 0;
  typicalRate = 0;

  constructor(
    readonly tools: BoundedCounter,
    readonly verbs: BoundedCounter,
    readonly targets: BoundedCounter,
    readonly types: BoundedCounter,
  ) {}

  static empty(maxKeys: number): AgentBaseline {
    return new AgentBaseline(new BoundedCounter(maxKeys), new BoundedCounter(maxKeys), new BoundedCounter(maxKeys), new BoundedCounter(maxKeys));
  }

  /**
   * The short-term rate an action at `at` would see: the stored rate decayed over the gap, plus
   * this action's own contribution. The rate is an exponentially decaying event count scaled to
   * events per second, so a steady stream of one action every T seconds converges to about 1/T.
   */
  rateAt(at: number, halfLifeSeconds: number): number {
    const tau = halfLifeSeconds / Math.LN2;
    const gapSeconds = this.lastSeen === undefined ? Infinity : Math.max(0, (at - this.lastSeen) / 1000);
    return this.shortRate * Math.exp(-gapSeconds / tau) + 1 / tau;
  }

  observe(observation: BaselineObservation, params: BaselineParams): void {
    const rate = this.rateAt(observation.at, params.rateHalfLifeSeconds);
    // Samples are clipped at twice the typical rate so a burst cannot teach itself to be normal
    // within a few actions; a lasting change of pace still moves the typical rate over time.
    const sample = Math.min(rate, TYPICAL_CLIP * this.typicalRate);
    this.typicalRate = this.typicalRate === 0 ? rate : this.typicalRate + params.typicalRateAlpha * (sample - this.typicalRate);
    this.shortRate = rate;
    this.observations += 1;
    this.firstSeen ??= observation.at;
    this.lastSeen = this.lastSeen === undefined ? observation.at : Math.max(this.lastSeen, observation.at);
    this.tools.add(observation.tool, params.maxKeys);
    this.verbs.add(observation.verb, params.maxKeys);
    this.targets.add(observation.target, params.maxKeys);
    this.types.add(observation.type, params.maxKeys);
    this.hours[observation.hour] = (this.hours[observation.hour] ?? 0) + 1;
  }

  toSnapshot(): BaselineSnapshot {
    return {
      version: 1,
      observations: this.observations,
      first_seen: this.firstSeen ?? null,
      last_seen: this.lastSeen ?? null,
      tools: this.tools.toRecord(),
      verbs: this.verbs.toRecord(),
      targets: this.targets.toRecord(),
      types: this.types.toRecord(),
      hours: Array.from(this.hours),
      rate: { short_per_second: this.shortRate, typical_per_second: this.typicalRate },
    };
  }

  /** Validates a stored snapshot (it comes from disk, so it is untrusted) and rebuilds the baseline. */
  static fromSnapshot(input: unknown, maxKeys: number): AgentBaseline {
    const snapshot = BaselineSnapshotSchema.parse(input);
    const n = snapshot.observations;
    const baseline = new AgentBaseline(
      BoundedCounter.fromRecord(snapshot.tools, n, maxKeys),
      BoundedCounter.fromRecord(snapshot.verbs, n, maxKeys),
      BoundedCounter.fromRecord(snapshot.targets, n, maxKeys),
      BoundedCounter.fromRecord(snapshot.types, n, maxKeys),
    );
    baseline.observations = n;
    baseline.firstSeen = snapshot.first_seen ?? undefined;
    baseline.lastSeen = snapshot.last_seen ?? undefined;
    baseline.hours.set(snapshot.hours);
    baseline.shortRate = snapshot.rate.short_per_second;
    baseline.typicalRate = snapshot.rate.typical_per_second;
    return baseline;
  }
}

export interface LearningParams {
  minObservations: number;
  minSpanHours: number;
}

/** Learning until the agent has both enough actions and enough elapsed history to judge it by. */
export function isLearning(baseline: AgentBaseline | undefined, params: LearningParams): boolean {
  if (baseline === undefined || baseline.firstSeen === undefined || baseline.lastSeen === undefined) return true;
  return baseline.observations < params.minObservations || baseline.lastSeen - baseline.firstSeen < params.minSpanHours * 3_600_000;
}
