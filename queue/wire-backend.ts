/**
 * The backend a shard message names: always a concrete one (the coordinator
 * resolves `auto` once per sweep, coordinator/backend-choice.ts), taken from
 * model/ BACKEND_NAMES so a backend added there is accepted here too.
 */
import { BACKEND_NAMES, type BackendName } from '../model/backend.js';
import { WireBackendError } from './errors.js';

/** Backends a shard may name: every BACKEND_NAMES entry but `auto`. */
export const WIRE_BACKENDS: readonly BackendName[] = BACKEND_NAMES.filter((name) => name !== 'auto');

export function checkWireBackend(name: string): BackendName {
  if (!(WIRE_BACKENDS as readonly string[]).includes(name)) throw new WireBackendError(name, WIRE_BACKENDS);
  return name as BackendName;
}
