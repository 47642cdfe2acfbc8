import { Client, credentials } from '@grpc/grpc-js';

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
        client = new Client(address, credentials.createInsecure(), {
          // Keep idle channels warm between school-day bursts; grpc-js reconnects on its own after failures.
          'grpc.keepalive_time_ms': 60_000,
          'grpc.max_receive_message_length': 16 * 1024 * 1024,
        });
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
