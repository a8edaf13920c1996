/**
 * Running statistics of one run (model/stats.ts conventions, docs/model.md
 * §5): threshold events found on the step grid, with the crossing time
 * located inside the step; the peak of ACC; trajectory samples at log-spaced
 * times, interpolated between steps.
 *
 * Interpolation (docs/model.md §3.4, eq. (14)): when the caller supplies the
 * rates dACC/dt and dpi(r*)/dt at both ends of a step (`adaptive`, whose
 * steps reach 1e4-1e5 time units on regime-2 plateaus, docs/model.md §4),
 * every event and sample of the step uses the cubic Hermite interpolant of
 * (value, rate) at the two ends: t_escape (the escape margin, whose rate is
 * dACC/dt), t_conv (pi(r*)), an interior maximum of ACC (acc_peak, t_peak)
 * and the ACC and pi(r*) samples. A straight line there misplaced t_escape
 * by ~1% and t_conv by +1.7% (gamma = 2, tolerance 1e-6) whatever the step.
 * Without rates (NaN: the fixed-step rules; also a non-finite rate) the
 * quantity is interpolated linearly and the peak stays on the step grid.
 *
 * t_escape is where the escape margin ACC - p(r') turns positive. By default
 * the margin is acc - escapeThreshold; `adaptive` passes it computed as
 * sum_r pi(r) (p(r) - p(r')) (flow.ts escapeMargin, docs/model.md eq. (16)),
 * which keeps its relative precision when the margin is far below ACC's
 * rounding (regime 2 at large gamma: pi(r*) ~ 1e-16 on plateaus of 1e15 time
 * units, where rounding noise in ACC alone crossed p(r') early).
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
  /** ACC - p(r') at tPrev. */
  private marginPrev = 0;
  /** dACC/dt at tPrev; NaN when the caller supplies no rates (linear interpolation). */
  private ratePrev = NaN;
  /** dACC/dt at the step end being recorded (set by record, read by takeSamples). */
  private rate = NaN;
  /** dpi(r*)/dt at tPrev and at the step end; NaN: pi(r*) is interpolated linearly. */
  private piRatePrev = NaN;
  private piRate = NaN;

  constructor(points: number) {
    this.sampleTimes = new Float64Array(points);
    this.sampleAcc = new Float64Array(points);
    this.samplePiOpt = new Float64Array(points);
  }

  /**
   * Starts a run at t = 0 with the initial ACC and pi(r*). Sample times are K
   * log-spaced values from stepSize to tMax (K = 1: tMax alone). `accRate`
   * is dACC/dt at t = 0 (NaN: ACC is interpolated linearly); `escapeMargin`
   * is ACC - p(r') at t = 0; `escaped` says whether t_escape = 0 (by default
   * a positive margin; run-setup.ts decides boundary ties, docs/model.md
   * eq. (19)); `piOptRate` is dpi(r*)/dt at t = 0 (NaN: linear).
   */
  start(
    acc: number,
    piOpt: number,
    convThreshold: number,
    escapeThreshold: number,
    stepSize: number,
    tMax: number,
    accRate = NaN,
    escapeMargin = acc - escapeThreshold,
    escaped = escapeMargin > 0,
    piOptRate = NaN,
  ): void {
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
    this.tEscape = escaped ? 0 : NaN;
    this.accPeak = acc;
    this.tPeak = 0;
    this.tPrev = 0;
    this.accPrev = acc;
    this.piPrev = piOpt;
    this.marginPrev = escapeMargin;
    this.ratePrev = accRate;
    this.rate = accRate;
    this.piRatePrev = piOptRate;
    this.piRate = piOptRate;
    this.takeSamples(0, acc, piOpt);
  }

  /**
   * Records the state reached at time t (after an accepted step); `accRate`
   * is dACC/dt there (NaN, the default: linear interpolation of ACC in this
   * step), `escapeMargin` is ACC - p(r') there (default: acc - escapeThreshold),
   * `piOptRate` is dpi(r*)/dt there (NaN, the default: linear in pi(r*)).
   */
  record(
    t: number,
    acc: number,
    piOpt: number,
    accRate = NaN,
    escapeMargin = acc - this.escapeThreshold,
    piOptRate = NaN,
  ): void {
    const tPrev = this.tPrev;
    this.rate = accRate;
    this.piRate = piOptRate;
    const accHermite = finite(this.ratePrev) && finite(accRate) && t > tPrev;
    if (this.tConv !== this.tConv && piOpt >= this.convThreshold) {
      this.tConv =
        finite(this.piRatePrev) && finite(piOptRate) && t > tPrev
          ? hermiteCrossing(tPrev, this.piPrev, this.piRatePrev, t, piOpt, piOptRate, this.convThreshold)
          : crossing(tPrev, this.piPrev, t, piOpt, this.convThreshold);
    }
    if (this.tEscape !== this.tEscape && escapeMargin > 0) {
      // The margin's path crosses 0 (d margin/dt = dACC/dt).
      this.tEscape = accHermite
        ? hermiteCrossing(tPrev, this.marginPrev, this.ratePrev, t, escapeMargin, accRate, 0)
        : crossing(tPrev, this.marginPrev, t, escapeMargin, 0);
    }
    // A maximum of ACC inside the step (rising at its start, falling at its
    // end) is located on the same cubic (docs/model.md eq. (18)).
    if (accHermite && this.ratePrev > 0 && accRate < 0) this.interiorPeak(tPrev, t, acc, accRate);
    if (acc > this.accPeak) {
      this.accPeak = acc;
      this.tPeak = t;
    }
    if (this.nextSampleTime <= t) this.takeSamples(t, acc, piOpt);
    this.tPrev = t;
    this.accPrev = acc;
    this.piPrev = piOpt;
    this.marginPrev = escapeMargin;
    this.ratePrev = accRate;
    this.piRatePrev = piOptRate;
  }

  /**
   * The maximum of the step's ACC cubic, where its derivative (a quadratic in
   * the step fraction f) falls through 0. It replaces the peak only when it
   * beats both end values and the peak so far by more than rounding
   * (PEAK_ROUNDING relative), so runs whose ACC only rises keep acc_peak =
   * acc_final to the bit although the rate at their end is noise around 0.
   */
  private interiorPeak(tPrev: number, t: number, acc: number, accRate: number): void {
    const h = t - tPrev;
    const v0 = this.accPrev;
    const m0 = h * this.ratePrev;
    const m1 = h * accRate;
    const dv = acc - v0;
    // p'(f) = m0 + 2 c2 f + 3 c3 f^2 with the power-basis coefficients of hermiteCrossing.
    const c2 = 3 * dv - 2 * m0 - m1;
    const c3 = -2 * dv + m0 + m1;
    const a = 3 * c3;
    const b = 2 * c2;
    let f: number;
    if (a === 0) f = b !== 0 ? -m0 / b : NaN;
    else {
      const disc = b * b - 4 * a * m0;
      if (!(disc >= 0)) return;
      // The root where p' goes from + to -; the cancellation-free form.
      const q = -0.5 * (b + Math.sign(b || 1) * Math.sqrt(disc));
      const f1 = q / a;
      const f2 = q !== 0 ? m0 / q : NaN;
      const slopeDown = (x: number) => x > 0 && x < 1 && 2 * a * x + b < 0;
      f = slopeDown(f1) ? f1 : slopeDown(f2) ? f2 : NaN;
    }
    if (!(f > 0 && f < 1)) return;
    const value = hermiteValue(f, v0, m0, acc, m1);
    const floor = Math.max(v0, acc, this.accPeak);
    if (value > floor + PEAK_ROUNDING * Math.abs(floor)) {
      this.accPeak = value;
      this.tPeak = tPrev + f * h;
    }
  }

  private takeSamples(t: number, acc: number, piOpt: number): void {
    const times = this.sampleTimes;
    const tPrev = this.tPrev;
    const span = t - tPrev;
    const hermite = finite(this.ratePrev) && finite(this.rate) && span > 0;
    const piHermite = finite(this.piRatePrev) && finite(this.piRate) && span > 0;
    while (this.nextSample < times.length && times[this.nextSample] <= t) {
      const k = this.nextSample++;
      const f = span > 0 ? (times[k] - tPrev) / span : 1;
      this.sampleAcc[k] = hermite
        ? hermiteValue(f, this.accPrev, span * this.ratePrev, acc, span * this.rate)
        : this.accPrev + f * (acc - this.accPrev);
      this.samplePiOpt[k] = piHermite
        ? hermiteValue(f, this.piPrev, span * this.piRatePrev, piOpt, span * this.piRate)
        : this.piPrev + f * (piOpt - this.piPrev);
    }
    this.nextSampleTime = this.nextSample < times.length ? times[this.nextSample] : Infinity;
  }
}

/** An interior ACC maximum must beat the end values by this much, relative: 8 ulp of 1. */
const PEAK_ROUNDING = 8 * Number.EPSILON;

/** Time at which a linear path from (t0, v0) to (t1, v1) reaches `level`, clamped to the step. */
function crossing(t0: number, v0: number, t1: number, v1: number, level: number): number {
  const dv = v1 - v0;
  if (!(dv !== 0)) return t1;
  const f = (level - v0) / dv;
  if (!(f > 0)) return t0;
  if (f >= 1) return t1;
  return t0 + f * (t1 - t0);
}


/** x is a finite number (a missing or non-finite rate falls back to linear interpolation). */
function finite(x: number): boolean {
  return x - x === 0;
}

/**
 * Cubic Hermite interpolant at fraction f of a step of length h, from the end
 * values v0, v1 and the end slopes scaled by the step (m0 = h v0', m1 = h v1').
 */
function hermiteValue(f: number, v0: number, m0: number, v1: number, m1: number): number {
  const g = 1 - f;
  // Bernstein form: the control values v0 + m0/3 and v1 - m1/3.
  return g * g * g * v0 + 3 * f * g * (g * (v0 + m0 / 3) + f * (v1 - m1 / 3)) + f * f * f * v1;
}

/** Fixed count of safeguarded Newton/bisection iterations: deterministic, and 2^-40 of the step at worst. */
const CROSSING_ITERATIONS = 40;

/**
 * A time in [t0, t1] at which the cubic Hermite path of (v0, v0') at t0 and
 * (v1, v1') at t1 reaches `level` (v0 <= level < v1, as the caller's test
 * guarantees, so the bracket is known). Safeguarded Newton from the linear
 * crossing: the bracket [lo, hi] keeps p(lo) < level < p(hi), and a Newton
 * step that leaves it is replaced by bisection; at most CROSSING_ITERATIONS
 * iterations, so the result is deterministic. (A path that is not monotone
 * in the step may cross more than once; any crossing is within the step's
 * own error.)
 */
function hermiteCrossing(t0: number, v0: number, r0: number, t1: number, v1: number, r1: number, level: number): number {
  const h = t1 - t0;
  const m0 = h * r0;
  const m1 = h * r1;
  const dv = v1 - v0;
  if (!(dv > 0) || !(level >= v0)) return crossing(t0, v0, t1, v1, level);
  // p(f) - level and its derivative in the power basis.
  const c0 = v0 - level;
  const c1 = m0;
  const c2 = 3 * dv - 2 * m0 - m1;
  const c3 = -2 * dv + m0 + m1;
  let lo = 0;
  let hi = 1;
  let f = -c0 / dv;
  if (!(f > 0 && f < 1)) f = 0.5;
  for (let k = 0; k < CROSSING_ITERATIONS && hi - lo > 1e-15; k++) {
    const value = c0 + f * (c1 + f * (c2 + f * c3));
    if (value < 0) lo = f;
    else if (value > 0) hi = f;
    else break;
    const slope = c1 + f * (2 * c2 + 3 * f * c3);
    const newton = slope !== 0 ? f - value / slope : NaN;
    f = newton > lo && newton < hi ? newton : 0.5 * (lo + hi);
  }
  return t0 + f * h;
}
