/*
 * C reference for `npm run bench:kernel` (bench/kernel.ts builds it with gcc
 * when gcc is present): the practical limit the js and wasm kernels are
 * compared with, not shipped code. The same dynamics as the benchmark's
 * cases (docs/model.md §3, `train: pattern`, beta = 0, uniform pi_0):
 *
 *   mode 0, euler: pi'(r) proportional to pi(r) exp(eta pi(r) (R(r) - Rbar)),
 *           ACC and the mean reward per step, peak ACC and t_conv tracked
 *           (what the recorder needs);
 *   mode 1, adaptive: Dormand-Prince 5(4), FSAL, the same error norm,
 *           controller and starting step as model/js (dormand-prince.ts,
 *           run-setup.ts), softmax stages with exponentials of the logits.
 *
 * Built twice, REAL = float and REAL = double, with -O3 -march=native
 * -ffast-math (gcc then vectorises exp/expf through glibc's libmvec, AVX-512
 * here). Reads from stdin: int32 mode, runs, R, reward (0 rlvr, 1
 * self-certainty), float64 eta, tMax, maxSteps, tolerance, then runs x R
 * float64 success rates; writes one line: seconds steps checksum.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef REAL
#define REAL double
#endif
typedef REAL real;

static inline real exp_real(real x) { return sizeof(real) == 4 ? (real)expf((float)x) : (real)exp((double)x); }
static inline real log_real(real x) { return sizeof(real) == 4 ? (real)logf((float)x) : (real)log((double)x); }

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static void read_exact(void *to, size_t bytes) {
  if (fread(to, 1, bytes, stdin) != bytes) {
    fprintf(stderr, "reference: short input\n");
    exit(2);
  }
}

/* R(r) with the answer layer frozen, A = 2 (model/js/run-setup.ts). */
static void rewards(const double *p, int R, int kind, real *out) {
  for (int r = 0; r < R; r++) {
    if (kind == 0) out[r] = (real)p[r];
    else {
      double a = p[r] > 1e-300 ? p[r] : 1e-300, b = 1 - p[r] > 1e-300 ? 1 - p[r] : 1e-300;
      out[r] = (real)(-(log(a) + log(b)) / 2);
    }
  }
}

static double euler_run(int R, const real *p, const real *reward, real *pi, real *next, real eta, double maxSteps, long *steps) {
  int optimal = 0;
  for (int r = 1; r < R; r++) if (p[r] > p[optimal]) optimal = r;
  real inverse = 1, accuracy = 0, mean = 0;
  for (int r = 0; r < R; r++) {
    pi[r] = (real)1 / R;
    accuracy += pi[r] * p[r];
    mean += pi[r] * reward[r];
  }
  real peak = accuracy;
  double tconv = -1;
  long step = 0;
  while (step < maxSteps) {
    real sum = 0, nextAccuracy = 0, nextMean = 0;
    for (int r = 0; r < R; r++) {
      real q = pi[r] * inverse;
      real e = q * exp_real(eta * q * (reward[r] - mean));
      next[r] = e;
      sum += e;
      nextAccuracy += e * p[r];
      nextMean += e * reward[r];
    }
    inverse = 1 / sum;
    accuracy = nextAccuracy * inverse;
    mean = nextMean * inverse;
    real *swap = pi; pi = next; next = swap;
    step++;
    if (accuracy > peak) peak = accuracy;
    if (tconv < 0 && pi[optimal] * inverse >= 0.99) tconv = step * eta;
  }
  *steps += step;
  return peak + tconv;
}

/* Dormand-Prince 5(4) tableau (model/js/dormand-prince.ts). */
static const double A21 = 1.0 / 5, A31 = 3.0 / 40, A32 = 9.0 / 40, A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9,
  A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561, A54 = -212.0 / 729, A61 = 9017.0 / 3168,
  A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176, A65 = -5103.0 / 18656, B1 = 35.0 / 384,
  B3 = 500.0 / 1113, B4 = 125.0 / 192, B5 = -2187.0 / 6784, B6 = 11.0 / 84, E1 = 71.0 / 57600,
  E3 = -71.0 / 16695, E4 = 71.0 / 1920, E5 = -17253.0 / 339200, E6 = 22.0 / 525, E7 = -1.0 / 40;

/* dz/dt = pi (R - Rbar) at u; pi = softmax(u); returns log of the normaliser. */
static real flow(int R, const real *u, const real *reward, real *pi, real *dy) {
  real max = u[0];
  for (int r = 1; r < R; r++) if (u[r] > max) max = u[r];
  real sum = 0, mean = 0;
  for (int r = 0; r < R; r++) {
    real e = exp_real(u[r] - max);
    pi[r] = e;
    sum += e;
    mean += e * reward[r];
  }
  real inverse = 1 / sum;
  mean *= inverse;
  for (int r = 0; r < R; r++) {
    real q = pi[r] * inverse;
    pi[r] = q;
    dy[r] = q * (reward[r] - mean);
  }
  return max + log_real(sum);
}

static double adaptive_run(int R, const real *p, const real *reward, real *work, double tMax, double maxSteps, double tol,
                           long *steps) {
  real *y = work, *next = y + R, *in = next + R, *pi = in + R, *k[8];
  for (int s = 0; s < 8; s++) k[s] = pi + R * (s + 1);
  for (int r = 0; r < R; r++) y[r] = log_real((real)1 / R);
  flow(R, y, reward, pi, k[1]);
  /* Starting step (Hairer-Norsett-Wanner I, II.4), as model/js/run-setup.ts. */
  double d0 = 0, d1 = 0, d2 = 0;
  for (int r = 0; r < R; r++) {
    double sc = tol + tol * fabs((double)y[r]);
    d0 += (y[r] / sc) * (y[r] / sc);
    d1 += (k[1][r] / sc) * (k[1][r] / sc);
  }
  d0 = sqrt(d0 / R);
  d1 = sqrt(d1 / R);
  double h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
  if (h0 > tMax) h0 = tMax;
  for (int r = 0; r < R; r++) in[r] = y[r] + (real)h0 * k[1][r];
  flow(R, in, reward, pi, k[2]);
  for (int r = 0; r < R; r++) {
    double sc = tol + tol * fabs((double)y[r]);
    d2 += ((k[2][r] - k[1][r]) / sc) * ((k[2][r] - k[1][r]) / sc);
  }
  d2 = sqrt(d2 / R) / h0;
  double rate = d1 > d2 ? d1 : d2;
  double h1 = rate <= 1e-15 ? fmax(1e-6, h0 * 1e-3) : pow(0.01 / rate, 1.0 / 6);
  double h = fmin(fmin(100 * h0, h1), tMax);
  real norm = flow(R, y, reward, pi, k[1]);
  for (int r = 0; r < R; r++) y[r] -= norm;
  double t = 0, peak = 0;
  long step = 0, attempts = 0;
  int rejectedLast = 0;
  while (t < tMax && step < maxSteps && attempts < 4 * maxSteps + 1000 && h > 1e-14 * t) {
    attempts++;
    int last = t + h >= tMax;
    real dt = (real)(last ? tMax - t : h);
    real *k1 = k[1], *k2 = k[2], *k3 = k[3], *k4 = k[4], *k5 = k[5], *k6 = k[6], *k7 = k[7];
    for (int r = 0; r < R; r++) in[r] = y[r] + dt * (real)A21 * k1[r];
    flow(R, in, reward, pi, k2);
    for (int r = 0; r < R; r++) in[r] = y[r] + dt * ((real)A31 * k1[r] + (real)A32 * k2[r]);
    flow(R, in, reward, pi, k3);
    for (int r = 0; r < R; r++) in[r] = y[r] + dt * ((real)A41 * k1[r] + (real)A42 * k2[r] + (real)A43 * k3[r]);
    flow(R, in, reward, pi, k4);
    for (int r = 0; r < R; r++)
      in[r] = y[r] + dt * ((real)A51 * k1[r] + (real)A52 * k2[r] + (real)A53 * k3[r] + (real)A54 * k4[r]);
    flow(R, in, reward, pi, k5);
    for (int r = 0; r < R; r++)
      in[r] = y[r] + dt * ((real)A61 * k1[r] + (real)A62 * k2[r] + (real)A63 * k3[r] + (real)A64 * k4[r] + (real)A65 * k5[r]);
    flow(R, in, reward, pi, k6);
    for (int r = 0; r < R; r++)
      next[r] = y[r] + dt * ((real)B1 * k1[r] + (real)B3 * k3[r] + (real)B4 * k4[r] + (real)B5 * k5[r] + (real)B6 * k6[r]);
    real logNorm = flow(R, next, reward, pi, k7);
    real sum = 0;
    for (int r = 0; r < R; r++) {
      real e = dt * ((real)E1 * k1[r] + (real)E3 * k3[r] + (real)E4 * k4[r] + (real)E5 * k5[r] + (real)E6 * k6[r] + (real)E7 * k7[r]);
      real a = y[r] < 0 ? -y[r] : y[r], b = next[r] < 0 ? -next[r] : next[r];
      real scale = (real)tol + (real)tol * (a > b ? a : b);
      sum += (e / scale) * (e / scale);
    }
    double error = sqrt((double)sum / R);
    if (!isfinite(error)) error = INFINITY;
    if (error <= 1) {
      step++;
      t = last ? tMax : t + dt;
      k[7] = k1;
      k[1] = k7;
      real *swap = y; y = next; next = swap;
      real accuracy = 0;
      for (int r = 0; r < R; r++) {
        y[r] -= logNorm;
        accuracy += pi[r] * p[r];
      }
      if (accuracy > peak) peak = accuracy;
      double factor = error == 0 ? 5 : fmin(5, fmax(0.2, 0.9 * exp(-0.2 * log(error))));
      h = dt * (rejectedLast ? fmin(factor, 1) : factor);
      rejectedLast = 0;
    } else {
      h = dt * (isfinite(error) ? fmax(0.2, 0.9 * exp(-0.2 * log(error))) : 0.2);
      rejectedLast = 1;
    }
  }
  *steps += step;
  return peak + t;
}

int main(void) {
  int32_t header[4];
  double settings[4];
  read_exact(header, sizeof header);
  read_exact(settings, sizeof settings);
  int mode = header[0], runs = header[1], R = header[2], kind = header[3];
  double eta = settings[0], tMax = settings[1], maxSteps = settings[2], tol = settings[3];
  double *success = malloc(sizeof(double) * (size_t)runs * R);
  read_exact(success, sizeof(double) * (size_t)runs * R);
  real *p = malloc(sizeof(real) * (size_t)R), *reward = malloc(sizeof(real) * (size_t)R);
  real *work = malloc(sizeof(real) * (size_t)R * 16);
  long steps = 0;
  double checksum = 0;
  double start = now();
  for (int i = 0; i < runs; i++) {
    const double *row = success + (size_t)i * R;
    for (int r = 0; r < R; r++) p[r] = (real)row[r];
    rewards(row, R, kind, reward);
    checksum += mode == 0 ? euler_run(R, p, reward, work, work + R, (real)eta, maxSteps, &steps)
                          : adaptive_run(R, p, reward, work, tMax, maxSteps, tol, &steps);
  }
  double seconds = now() - start;
  printf("%.9f %ld %.6g\n", seconds, steps, checksum);
  return 0;
}
