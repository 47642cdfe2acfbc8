import { createHash } from 'node:crypto';
import type { RedisClient } from './redis-client';

export type ScriptArgument = string | number | Buffer;

export interface RedisScript {
  /** Runs the script with `keys` as KEYS (all in one hash slot on a Cluster) and `args` as ARGV. */
  run(client: RedisClient, keys: readonly string[], args: readonly ScriptArgument[]): Promise<unknown>;
  /** The same, with bulk replies as the bytes Redis sent (no decoding). */
  runBuffer(client: RedisClient, keys: readonly string[], args: readonly ScriptArgument[]): Promise<unknown>;
}

const isNoScript = (error: unknown) => error instanceof Error && error.message.startsWith('NOSCRIPT');

/**
 * A Lua script sent as EVALSHA, and as EVAL the first time and to a node that does not know it (a restarted or
 * promoted one). Every key it touches must be in KEYS: Redis Cluster routes a script by its keys and refuses keys of
 * another slot. It goes out as the plain EVALSHA command rather than an ioredis `defineCommand`: ioredis
 * auto-pipelines a Cluster's commands per node of their first key, which it finds in EVALSHA's arguments but not
 * in those of a custom command whose first argument is the key count, and a pipeline sent to one node with keys
 * of another fails ("All keys in the pipeline should belong to the same slots allocation group", ioredis#1264).
 */
export function defineRedisScript(lua: string): RedisScript {
  const sha = createHash('sha1').update(lua).digest('hex');
  // Clients that have run the script once: the first run is an EVAL (it loads the script where it runs), so a
  // fresh connection does not pay a NOSCRIPT round trip first.
  const sent = new WeakSet<RedisClient>();
  const run = async <T>(client: RedisClient, byHash: () => Promise<T>, byText: () => Promise<T>): Promise<T> => {
    if (!sent.has(client)) {
      sent.add(client);
      return byText();
    }
    try {
      return await byHash();
    } catch (error) {
      if (!isNoScript(error)) throw error;
      return byText();
    }
  };
  return {
    run: (client, keys, args) =>
      run(
        client,
        () => client.evalsha(sha, keys.length, ...keys, ...args),
        () => client.eval(lua, keys.length, ...keys, ...args),
      ),
    runBuffer(client, keys, args) {
      // The `…Buffer` variants exist for every command but are not in ioredis's types. (`callBuffer` would do,
      // but ioredis 5.11 loses its command name when it auto-pipelines it.)
      const buffers = client as unknown as BufferScripting;
      return run(
        client,
        () => buffers.evalshaBuffer(sha, keys.length, ...keys, ...args),
        () => buffers.evalBuffer(lua, keys.length, ...keys, ...args),
      );
    },
  };
}

interface BufferScripting {
  evalshaBuffer(...args: ScriptArgument[]): Promise<unknown>;
  evalBuffer(...args: ScriptArgument[]): Promise<unknown>;
}
