/**
 * Running statistics of one run (model/stats.ts conventions): events found on
 * the step grid, with the crossing time linearly interpolated inside the step;
 * the peak of ACC; trajectory samples at log-spaced times, linearly
 * interpolated between steps.
 */
export class RunRecorder {
  /** Sample times of the current run; length K. */
  readonly sampleTimes: Float64Array;
  readonly sampleAcc: Float64Array;
  readonly samplePiOpt: Float64Array;

  convThreshold = 0;
  escapeThreshold = 0;
  tConv = NaN;
  tEscape = NaN;
  accPeak = -Infinity;
  tPeak = 0;
  private nextSample = 0;
  /** sampleTimes[nextSample], Infinity when all are taken (one compare per record). */
  private nextSampleTime = Infinity;
  private tPrev = 0;
  private accPrev = 0;
  private piPrev = 0;

  constructor(points: number) {
    this.sampleTimes = new Float64Array(points);
    this.sampleAcc = new Float64Array(points);
    this.samplePiOpt = new Float64Array(points);
  }

  /**
   * Starts a run at t = 0 with the initial ACC and pi(r*). Sample times are K
   * log-spaced values from stepSize to tMax (K = 1: tMax alone).
   */
  start(acc: number, piOpt: number, convThreshold: number, escapeThreshold: number, stepSize: number, tMax: number): void {
    const K = this.sampleTimes.length;
    if (K === 1) this.sampleTimes[0] = tMax;
    else if (K > 1) {
      const logFirst = Math.log(stepSize);
      const logRatio = Math.log(tMax) - logFirst;
      for (let k = 0; k < K; k++) this.sampleTimes[k] = Math.exp(logFirst + (logRatio * k) / (K - 1));
      this.sampleTimes[0] = stepSize;
      this.sampleTimes[K - 1] = tMax;
    }
    this.sampleAcc.fill(NaN);
    this.samplePiOpt.fill(NaN);
    this.nextSample = 0;
    this.nextSampleTime = K > 0 ? this.sampleTimes[0] : Infinity;
    this.convThreshold = convThreshold;
    this.escapeThreshold = escapeThreshold;
    this.tConv = piOpt >= convThreshold ? 0 : NaN;
    this.tEscape = acc > escapeThreshold ? 0 : NaN;
    this.accPeak = acc;
    this.tPeak = 0;
    this.tPrev = 0;
    this.accPrev = acc;
    this.piPrev = piOpt;
    this.takeSamples(0, acc, piOpt);
  }

  /** Records the state reached at time t (after an accepted step). */
  record(t: number, acc: number, piOpt: number): void {
    const tPrev = this.tPrev;
    if (this.tConv !== this.tConv && piOpt >= this.convThreshold) {
      this.tConv = crossing(tPrev, this.piPrev, t, piOpt, this.convThreshold);
    }
    if (this.tEscape !== this.tEscape && acc > this.escapeThreshold) {
      this.tEscape = crossing(tPrev, this.accPrev, t, acc, this.escapeThreshold);
    }
    if (acc > this.accPeak) {
      this.accPeak = acc;
      this.tPeak = t;
    }
    if (this.nextSampleTime <= t) this.takeSamples(t, acc, piOpt);
    this.tPrev = t;
    this.accPrev = acc;
    this.piPrev = piOpt;
  }

  private takeSamples(t: number, acc: number, piOpt: number): void {
    const times = this.sampleTimes;
    const tPrev = this.tPrev;
    while (this.nextSample < times.length && times[this.nextSample] <= t) {
      const k = this.nextSample++;
      const span = t - tPrev;
      const f = span > 0 ? (times[k] - tPrev) / span : 1;
      this.sampleAcc[k] = this.accPrev + f * (acc - this.accPrev);
      this.samplePiOpt[k] = this.piPrev + f * (piOpt - this.piPrev);
    }
    this.nextSampleTime = this.nextSample < times.length ? times[this.nextSample] : Infinity;
  }
}

/** Time at which a linear path from (t0, v0) to (t1, v1) reaches `level`, clamped to the step. */
function crossing(t0: number, v0: number, t1: number, v1: number, level: number): number {
  const dv = v1 - v0;
  if (!(dv !== 0)) return t1;
  const f = (level - v0) / dv;
  if (!(f > 0)) return t0;
  if (f >= 1) return t1;
  return t0 + f * (t1 - t0);
}

