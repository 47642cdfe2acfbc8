/** The S3 bucket the legacy auth and club services used for profile images and club logos. */
export interface ObjectStore {
  put(key: string, body: Buffer): Promise<void>;
  exists(key: string): Promise<boolean>;
  copy(fromKey: string, toKey: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** In-memory twin used by the reference services and tests. */
export function createMemoryObjectStore(): ObjectStore & { keys(): string[] } {
  const objects = new Map<string, Buffer>();
  return {
    async put(key, body) {
      objects.set(key, Buffer.from(body));
    },
    async exists(key) {
      return objects.has(key);
    },
    async copy(fromKey, toKey) {
      const body = objects.get(fromKey);
      if (!body) throw new Error(`NoSuchKey: ${fromKey}`);
      objects.set(toKey, body);
    },
    async delete(key) {
      objects.delete(key);
    },
    keys: () => [...objects.keys()],
  };
}
