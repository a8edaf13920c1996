import { EXACT_ALGORITHMS, type BatchShape, type Reward } from '../batch.js';

/** Reward kinds as small integers for the hot loop (docs/model.md §2). */
export const REWARD_RLVR = 0;
export const REWARD_SELF_CERTAINTY = 1;
export const REWARD_NEG_ENTROPY = 2;
export const REWARD_TRAJECTORY_LOGPROB = 3;

const REWARD_CODES: Record<Reward, number> = {
  rlvr: REWARD_RLVR,
  'self-certainty': REWARD_SELF_CERTAINTY,
  'neg-entropy': REWARD_NEG_ENTROPY,
  'trajectory-logprob': REWARD_TRAJECTORY_LOGPROB,
};

/** Stand-in for the buffers a rule does not use. */
const EMPTY = new Float64Array(0);

/** Runge–Kutta stages kept per run (Dormand–Prince 5(4) needs 7). */
export const STAGES = 7;

/**
 * Scratch of one run, allocated once per batch and reused by every run of it
 * (runs are simulated one after another, so no per-step allocation).
 *
 * State vector y (length D): pattern logits z[0..R), then, with
 * `train: both`, answer logits w[r * A + a] at y[R + r * A + a].
 * After every accepted step the kernel re-centres y so that z = log pi and
 * w_r = log pi(.|r) (softmax is shift-invariant, so the dynamics are
 * unchanged; this keeps logits O(log 1/pi) and makes pi = exp(z) need no max pass).
 */
export class RunWorkspace {
  readonly patterns: number;
  readonly answers: number;
  /** Length of the state vector. */
  readonly dimension: number;
  readonly trainBoth: boolean;
  readonly reward: number;

  /** Current state, candidate state, derivative at `state`. */
  state: Float64Array;
  candidate: Float64Array;
  derivative: Float64Array;
  /** Runge–Kutta stage derivatives (rk4, adaptive; empty otherwise) and the stage input. */
  readonly stages: Float64Array[];
  readonly stageInput: Float64Array;

  /** Filled by every flow evaluation at its input state. */
  readonly pattern: Float64Array; // pi(r)
  readonly logPattern: Float64Array; // log pi(r)
  readonly score: Float64Array; // per-pattern advantage term before centring
  readonly answer: Float64Array; // pi(a|r), [R, A]
  readonly logAnswer: Float64Array; // log pi(a|r), [R, A]
  readonly patternReward: Float64Array; // R(r) of docs/model.md §2 at the current answer layer
  readonly answerKl: Float64Array; // KL_r (train both)

  /** Per-run constants. */
  readonly logReference: Float64Array; // log pi_ref(r)
  readonly logAnswerReference: Float64Array; // log pi_0(a|r)
  readonly initialSuccess: Float64Array; // p(r) at t = 0
  readonly fixedReward: Float64Array; // R(r) for train: pattern (answer layer frozen)

  /** Stochastic rules: sampled rollouts and their gradient estimate (empty for the exact rules). */
  readonly cumulative: Float64Array;
  readonly rolloutPattern: Int32Array;
  readonly rolloutAnswer: Int32Array;
  readonly rolloutReward: Float64Array;
  readonly estimate: Float64Array;
  /** Fused pattern-layer Euler: double-buffered (pi, log pi); empty for the other rules. */
  readonly eulerPattern: [Float64Array, Float64Array];
  readonly eulerLogPattern: [Float64Array, Float64Array];
  readonly words = new Uint32Array(4);
  readonly uniforms = new Float64Array(2);

  /** Scalars of the last flow evaluation. */
  beta = 0;
  shift = 0;
  /** sum_r exp(z_r - shift) of the last fused pattern stage (adaptive-pattern.ts); log-normaliser shift + log of it. */
  normaliser = 1;
  /** Pattern the fused adaptive stage centres its scores on (the previous stage's most likely). */
  centre = 0;
  accuracy = 0;
  piOpt = 0;
  optimal = 0;
  /** p(r'), the success rate of the best rival at t = 0: ACC must pass it to escape (t_escape). */
  escapeLevel = 0;

  /** Outcome of the integrator: steps taken, time reached, NaN/Inf met. */
  steps = 0;
  time = 0;
  diverged = false;

  constructor(shape: BatchShape) {
    const R = shape.patterns;
    const A = shape.answers;
    this.patterns = R;
    this.answers = A;
    this.trainBoth = shape.train === 'both';
    this.dimension = this.trainBoth ? R + R * A : R;
    this.reward = REWARD_CODES[shape.reward];
    const D = this.dimension;
    const N = Math.max(shape.rollouts, 0);
    // Only what the rule uses, carved from one buffer: a workspace is made per
    // batch, and a batch of one run (`simulateRun`, small shards) paid more for
    // ~35 separate typed-array allocations (each above 64 bytes is its own
    // off-heap buffer, ~1 us) than for the run itself.
    const rungeKutta = shape.algorithm === 'rk4' || shape.algorithm === 'adaptive';
    const stochastic = !EXACT_ALGORITHMS.includes(shape.algorithm);
    const euler = shape.algorithm === 'euler';
    const stageCount = rungeKutta ? STAGES : 0;
    const doubles =
      (4 + stageCount) * D + (stochastic ? D + R + N : 0) + (euler ? 4 * R : 0) + 8 * R + 3 * R * A;
    const buffer = new ArrayBuffer(8 * doubles);
    let offset = 0;
    // Views by constructor: cheaper than subarray (no species lookup), ~30 per workspace.
    const take = (length: number): Float64Array => {
      const view = new Float64Array(buffer, 8 * offset, length);
      offset += length;
      return view;
    };
    this.state = take(D);
    this.candidate = take(D);
    this.derivative = take(D);
    this.stageInput = take(D);
    this.stages = [];
    for (let k = 0; k < stageCount; k++) this.stages.push(take(D));
    this.pattern = take(R);
    this.logPattern = take(R);
    this.score = take(R);
    this.patternReward = take(R);
    this.answerKl = take(R);
    this.logReference = take(R);
    this.initialSuccess = take(R);
    this.fixedReward = take(R);
    this.answer = take(R * A);
    this.logAnswer = take(R * A);
    this.logAnswerReference = take(R * A);
    this.estimate = stochastic ? take(D) : EMPTY;
    this.cumulative = stochastic ? take(R) : EMPTY;
    this.rolloutReward = stochastic ? take(N) : EMPTY;
    this.rolloutPattern = new Int32Array(N);
    this.rolloutAnswer = new Int32Array(N);
    this.eulerPattern = euler ? [take(R), take(R)] : [EMPTY, EMPTY];
    this.eulerLogPattern = euler ? [take(R), take(R)] : [EMPTY, EMPTY];
  }

  /** Swaps `state` and `candidate` (accepting a step without copying). */
  acceptCandidate(): void {
    const previous = this.state;
    this.state = this.candidate;
    this.candidate = previous;
  }
}
