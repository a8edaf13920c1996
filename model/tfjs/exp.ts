import type * as tfc from '@tensorflow/tfjs-core';

type Tf = typeof tfc;

/**
 * exp for the wasm runtime: tfjs-backend-wasm 4.22 computes Exp with scalar
 * libm (about 9 ns per element here) but Sigmoid with XNNPACK's vectorised
 * kernel (about 1 ns), and exp(x) = sigmoid(x) / sigmoid(-x) exactly in real
 * arithmetic; in float32 it is within a few ulp for x in [-87, 88] (every
 * softmax input is <= 0 after the max subtraction). Other runtimes use tf.exp.
 */
export function expFor(tf: Tf, runtime: string): (x: tfc.Tensor) => tfc.Tensor {
  if (runtime !== 'wasm') return (x) => tf.exp(x);
  return (x) => tf.div(tf.sigmoid(x), tf.sigmoid(tf.neg(x)));
}
