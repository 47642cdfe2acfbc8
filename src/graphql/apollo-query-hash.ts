import { createHash as createStreamingHash, hash, type BinaryToTextEncoding, type Hash } from 'node:crypto';
import { createRequire } from 'node:module';

/**
 * A hash fed once and then digested, as Apollo feeds its query hash: the digest is one call of `crypto.hash` on
 * that input. A second `update` (or one with an input encoding) turns it into a streaming hash, so the digest is
 * the same whatever the caller does.
 */
export class OneShotHash {
  private input: string | Buffer | undefined;
  private streaming: Hash | undefined;

  constructor(private readonly algorithm: string) {}

  update(data: string | Buffer, encoding?: BufferEncoding): this {
    if (this.streaming === undefined && this.input === undefined && encoding === undefined) {
      this.input = data;
      return this;
    }
    if (this.streaming === undefined) {
      this.streaming = createStreamingHash(this.algorithm);
      if (this.input !== undefined) this.streaming.update(this.input);
    }
    if (typeof data === 'string' && encoding !== undefined) this.streaming.update(data, encoding);
    else this.streaming.update(data);
    return this;
  }

  digest(): Buffer;
  digest(encoding: BinaryToTextEncoding): string;
  digest(encoding?: BinaryToTextEncoding): string | Buffer {
    if (this.streaming !== undefined) return encoding ? this.streaming.digest(encoding) : this.streaming.digest();
    const input = this.input ?? '';
    return encoding ? hash(this.algorithm, input, encoding) : hash(this.algorithm, input, 'buffer');
  }
}

let installed: boolean | undefined;

/**
 * Apollo Server hashes every request's query text (the key of its parsed-document cache) through
 * `@apollo/utils.createhash`, whose `createHash` resolves `crypto` with `module.require` on every call and then
 * streams one string through `crypto.createHash`: ≈ 3.0 µs a request for a short query on this machine, against
 * ≈ 0.7 µs for the one-shot `crypto.hash` of the same string (Node ≥ 20.12). Apollo's CommonJS modules call it
 * through that package's exports object, so replacing the export is enough; a version that moves it keeps its own
 * (slower, not wrong). Once per process; true when it took.
 */
export function installOneShotQueryHash(): boolean {
  if (installed !== undefined) return installed;
  const fromApollo = createRequire(require.resolve('@apollo/server'));
  let hashModule: { createHash?: unknown };
  try {
    hashModule = fromApollo('@apollo/utils.createhash') as typeof hashModule;
  } catch {
    return (installed = false);
  }
  if (typeof hashModule.createHash !== 'function') return (installed = false);
  hashModule.createHash = (algorithm: string) => new OneShotHash(algorithm);
  return (installed = true);
}
