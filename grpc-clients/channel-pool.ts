import { Client, credentials } from '@grpc/grpc-js';

/**
 * The options of every channel (and of the benchmark's floors and peers, so they compare like with like):
 * - keepalive: idle channels stay warm between school-day bursts; grpc-js reconnects on its own after failures;
 * - channelz off: per-call bookkeeping for an admin service the gateway does not serve;
 * - grpc-js' transparent retries off: it buffers every request to be able to replay it, while `call.ts` already
 *   decides what is retried (reads once on another instance, writes never).
 * Client CPU per unary call, B4-style closed loop, 32 in flight, medians of 3 × 5 s (docs/benchmarks.md).
 */
export const CHANNEL_OPTIONS = {
  'grpc.keepalive_time_ms': 60_000,
  'grpc.max_receive_message_length': 16 * 1024 * 1024,
  'grpc.enable_channelz': 0,
  'grpc.enable_retries': 0,
} as const;

/** One grpc-js channel per instance address, shared by every service client and request. */
export interface ChannelPool {
  get(address: string): Client;
  /** Closes the channel of an instance that left. */
  release(address: string): void;
  close(): void;
}

export function createChannelPool(): ChannelPool {
  const clients = new Map<string, Client>();
  return {
    get(address) {
      let client = clients.get(address);
      if (!client) {
        client = new Client(address, credentials.createInsecure(), CHANNEL_OPTIONS);
        clients.set(address, client);
      }
      return client;
    },
    release(address) {
      clients.get(address)?.close();
      clients.delete(address);
    },
    close() {
      for (const client of clients.values()) client.close();
      clients.clear();
    },
  };
}
