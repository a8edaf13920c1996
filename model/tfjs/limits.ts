/**
 * Limits of the tfjs backend that the spec validator checks too (sweep/
 * imports this file only, not the tfjs runtime).
 *
 * The finest `adaptive` tolerance the float32 kernel honours. Below it the
 * step-size controller chases rounding noise (float32 epsilon 1.2e-7): at
 * 1e-7 a regime-2 run took 300 steps to reach t = 6e3 where js needs 83 to
 * reach 1e5, and a sweep at such tolerances with a long horizon ran for
 * hours. `auto` then simply keeps js (its probe gets this error).
 */
export const TFJS_MIN_TOLERANCE = 1e-6;
