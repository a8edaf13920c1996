/**
 * The two transports of the work-queue contract, built the same way for the
 * conformance suite: the coordinator's SweepQueueFactory and a way to open a
 * worker's WorkSource. JetStream ones run against a private nats-server with a
 * random namespace per test.
 */
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { pino } from 'pino';
import { MemoryQueue, type SweepQueueFactory, type WorkSource } from '../../queue/index.js';
import { JetStreamSweepQueues, JetStreamWorkSource } from '../../queue/jetstream/index.js';
import { startNatsServer, uniqueNamespace } from '../helpers/nats-server.js';

export interface QueueSettings {
  readonly ackWaitMs: number;
  readonly maxDeliver: number;
}

export interface Transport {
  readonly queues: SweepQueueFactory;
  /** A worker's source (a new connection per call in JetStream: another process, as far as the broker can tell). */
  source(): Promise<WorkSource>;
}

type Teardown = { teardown(fn: () => unknown): void };

export type TransportFactory = (t: Teardown, settings: QueueSettings) => Promise<Transport>;

export const memoryTransport: TransportFactory = async (t, settings) => {
  const queue = new MemoryQueue({ ...settings, pullExpiresMs: 5000 });
  t.teardown(() => queue.close());
  return { queues: queue, source: async () => queue };
};

const silent = pino({ level: 'silent' });

export const jetStreamTransport: TransportFactory = async (t, settings) => {
  const server = await startNatsServer(t);
  const namespace = uniqueNamespace();
  const connections: NatsConnection[] = [];
  const open = async (): Promise<NatsConnection> => {
    const nc = await connect({ servers: server.url });
    connections.push(nc);
    return nc;
  };
  t.teardown(async () => {
    for (const nc of connections) if (!nc.isClosed()) await nc.close();
  });
  const queues = new JetStreamSweepQueues({ connection: await open(), logger: silent, namespace, ...settings });
  return {
    queues,
    source: async () => JetStreamWorkSource.open({ connection: await open(), namespace, fetchExpiresMs: 5000, settings }),
  };
};

export const TRANSPORTS: readonly { readonly name: string; readonly make: TransportFactory }[] = [
  { name: 'memory', make: memoryTransport },
  { name: 'jetstream', make: jetStreamTransport },
];
