/**
 * The coordinator's numbers, kept in one place and read two ways: Prometheus
 * text on /metrics (prom-client, a private registry so several dispatchers in
 * one process, e.g. tests, do not collide) and the /status JSON.
 */
import { Counter, Gauge, Registry } from 'prom-client';

export interface SweepStatus {
  sweepId: string;
  specHash: string;
  state: 'idle' | 'running' | 'finished' | 'aborted';
  /** Shards of the sweep (from its plan, not what this run has seen). */
  total: number;
  done: number;
  failed: number;
  inFlight: number;
  runsTotal: number;
  runsDone: number;
  runsPerSecond: number;
  /** Seconds to go at the current rate; null before the first result. */
  etaSeconds: number | null;
  /** Seconds from a worker publishing a result to its store commit (last one). */
  ingestLagSeconds: number;
  startedAt: string | null;
  failedShards: number[];
  /** Results refused as protocol errors (wrong range, spec, shape; their shards were recomputed). */
  protocolErrors: number;
  /** Redacted server list. */
  nats: string;
}

export class SweepMetrics {
  readonly registry = new Registry();
  readonly status: SweepStatus;
  #startedMs = 0;
  readonly #done: Counter;
  readonly #failed: Counter;
  readonly #inFlight: Gauge;
  readonly #total: Gauge;
  readonly #rate: Gauge;
  readonly #lag: Gauge;
  readonly #runs: Counter;
  readonly #protocolErrors: Counter;
  /** Runs stored by this run (the rate's numerator; runsDone also counts earlier sessions). */
  #sessionRuns = 0;

  constructor(nats: string) {
    const registers = [this.registry];
    this.#done = new Counter({ name: 'patternsweep_shards_done_total', help: 'Shards stored', registers });
    this.#failed = new Counter({ name: 'patternsweep_shards_failed_total', help: 'Shards recorded failed', registers });
    this.#runs = new Counter({ name: 'patternsweep_runs_done_total', help: 'Runs stored', registers });
    this.#protocolErrors = new Counter({
      name: 'patternsweep_protocol_errors_total',
      help: 'Worker messages refused as protocol errors (the shard is recomputed)',
      registers,
    });
    this.#inFlight = new Gauge({ name: 'patternsweep_shards_in_flight', help: 'Shards enqueued and not yet resolved', registers });
    this.#total = new Gauge({ name: 'patternsweep_shards_total', help: 'Shards of the sweep (its plan)', registers });
    this.#rate = new Gauge({ name: 'patternsweep_runs_per_second', help: 'Runs stored per second since the run started', registers });
    this.#lag = new Gauge({
      name: 'patternsweep_ingest_lag_seconds',
      help: 'Time from a worker publishing a result to the store committing it (latest)',
      registers,
    });
    this.status = {
      sweepId: '',
      specHash: '',
      state: 'idle',
      total: 0,
      done: 0,
      failed: 0,
      inFlight: 0,
      runsTotal: 0,
      runsDone: 0,
      runsPerSecond: 0,
      etaSeconds: null,
      ingestLagSeconds: 0,
      startedAt: null,
      failedShards: [],
      protocolErrors: 0,
      nats,
    };
  }

  /** Totals come from the plan; `done`/`runsDone` from what the store already holds (issue 13, point 9). */
  start(sweepId: string, specHash: string, total: number, runsTotal: number, done = 0, runsDone = 0): void {
    this.#startedMs = Date.now();
    this.#sessionRuns = 0;
    Object.assign(this.status, {
      sweepId,
      specHash,
      state: 'running',
      total,
      runsTotal,
      done,
      runsDone,
      startedAt: new Date(this.#startedMs).toISOString(),
    });
    this.#total.set(total);
  }

  protocolError(): void {
    this.status.protocolErrors++;
    this.#protocolErrors.inc();
  }

  get startedMs(): number {
    return this.#startedMs;
  }

  setInFlight(n: number): void {
    this.status.inFlight = n;
    this.#inFlight.set(n);
  }

  shardDone(runs: number, lagSeconds: number): void {
    this.status.done++;
    this.status.runsDone += runs;
    this.#sessionRuns += runs;
    this.status.ingestLagSeconds = lagSeconds;
    this.#done.inc();
    this.#runs.inc(runs);
    this.#lag.set(lagSeconds);
    this.#updateRate();
  }

  shardFailed(shard: number): void {
    this.status.failed++;
    if (this.status.failedShards.length < 1000) this.status.failedShards.push(shard);
    this.#failed.inc();
    this.#updateRate();
  }

  finish(state: 'finished' | 'aborted'): void {
    this.status.state = state;
    this.#updateRate();
  }

  #updateRate(): void {
    const seconds = (Date.now() - this.#startedMs) / 1000;
    const rate = seconds > 0 ? this.#sessionRuns / seconds : 0;
    this.status.runsPerSecond = rate;
    const left = this.status.runsTotal - this.status.runsDone;
    this.status.etaSeconds = rate > 0 ? left / rate : null;
    this.#rate.set(rate);
  }
}
