import type { IncomingMessage } from 'node:http';
import Busboy from 'busboy';
import { LegacyGatewayCode } from '../core/error-codes';
import { readBody } from '../http/read-body';
import { RestRejection } from './envelope';
import type { BoundRequest, BoundValue, FieldSpecs, FieldType, UploadedFile } from './field-specs';

/** Where a route's fields come from: by content type (the default), the query string only, or nowhere. */
export type BindSource = 'content-type' | 'query' | 'none';

export interface BindLimits {
  maxRequestBytes: number;
  maxUploadBytes: number;
}

const bindFailure = (detail: string) =>
  new RestRejection(400, LegacyGatewayCode.BIND_FAILURE, `failed to bind request: ${detail}`);

function coerceString(name: string, type: FieldType, raw: string | string[]): BoundValue {
  const value = Array.isArray(raw) ? (raw[0] ?? '') : raw;
  switch (type) {
    case 'int': {
      if (value === '') return 0;
      if (!/^-?\d+$/.test(value)) throw bindFailure(`strconv.ParseInt: parsing "${value}": invalid syntax (${name})`);
      return Number(value);
    }
    case 'strings':
      return Array.isArray(raw) ? raw : [value];
    case 'objects':
    case 'file':
      throw bindFailure(`${name} cannot be sent as text`);
    default:
      return value;
  }
}

function coerceJson(name: string, type: FieldType, value: unknown): BoundValue {
  if (value === undefined || value === null) return undefined;
  const ok =
    (type === 'string' && typeof value === 'string') ||
    (type === 'int' && typeof value === 'number' && Number.isInteger(value)) ||
    (type === 'strings' && Array.isArray(value) && value.every((v) => typeof v === 'string')) ||
    (type === 'objects' && Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null));
  if (!ok) throw bindFailure(`json: cannot unmarshal ${typeof value} into field ${name} of type ${type}`);
  return value as BoundValue;
}

function fromStrings(specs: FieldSpecs, params: URLSearchParams): BoundRequest {
  const bound: BoundRequest = {};
  for (const [name, [type]] of Object.entries(specs)) {
    const all = params.getAll(name);
    if (all.length > 0) bound[name] = coerceString(name, type, type === 'strings' ? all : (all[0] as string));
  }
  return bound;
}

function parseMultipart(req: IncomingMessage, specs: FieldSpecs, limits: BindLimits): Promise<BoundRequest> {
  return new Promise((resolve, reject) => {
    let busboy: Busboy.Busboy;
    try {
      busboy = Busboy({ headers: req.headers, limits: { fileSize: limits.maxUploadBytes, files: 5, fields: 50 } });
    } catch (error) {
      reject(bindFailure((error as Error).message));
      return;
    }
    const fields = new URLSearchParams();
    const files: Record<string, UploadedFile> = {};
    const pending: Array<Promise<void>> = [];
    busboy.on('field', (name, value) => fields.append(name, value));
    busboy.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      pending.push(
        new Promise((done, fail) => {
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('limit', () => fail(new RestRejection(413, 0, `file ${name} is too large`)));
          // A body cut off inside a file errors the file stream; unheard, that error would crash the process.
          stream.on('error', (error: Error) => fail(bindFailure(error.message)));
          stream.on('close', () => {
            files[name] = { filename: info.filename ?? '', mimetype: info.mimeType, data: Buffer.concat(chunks) };
            done();
          });
        }),
      );
    });
    busboy.on('error', (error: Error) => reject(bindFailure(error.message)));
    busboy.on('close', () => {
      // Coercion throws (400 −202) inside `then`: pass that on too, or the request would never be answered.
      Promise.all(pending)
        .then(() => {
          const bound = fromStrings(
            Object.fromEntries(Object.entries(specs).filter(([, [type]]) => type !== 'file')),
            fields,
          );
          for (const [name, [type]] of Object.entries(specs))
            if (type === 'file' && files[name]) bound[name] = files[name];
          return bound;
        })
        .then(resolve, reject);
    });
    req.pipe(busboy);
  });
}

/**
 * Binds a request the way the legacy gateway's gin binding did (legacy-api.md §0.5): JSON, multipart or form by
 * content type, anything else 400 −201; a value of the wrong type 400 −202.
 */
export async function bindRequest(
  req: IncomingMessage,
  source: BindSource,
  specs: FieldSpecs,
  limits: BindLimits,
): Promise<BoundRequest> {
  const url = new URL(req.url ?? '/', 'http://gateway');
  if (source === 'none') return {};
  if (source === 'query') return fromStrings(specs, url.searchParams);

  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json') {
    const raw = await readBody(req, limits.maxRequestBytes);
    let parsed: unknown;
    try {
      parsed = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
    } catch (error) {
      throw bindFailure((error as Error).message);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw bindFailure('expected a JSON object');
    const bound: BoundRequest = {};
    for (const [name, [fieldType]] of Object.entries(specs)) {
      const value = coerceJson(name, fieldType, (parsed as Record<string, unknown>)[name]);
      if (value !== undefined) bound[name] = value;
    }
    return bound;
  }
  if (type === 'multipart/form-data') return parseMultipart(req, specs, limits);
  if (type === '' || type === 'application/x-www-form-urlencoded') {
    const raw = await readBody(req, limits.maxRequestBytes);
    const params = new URLSearchParams(url.searchParams);
    for (const [k, v] of new URLSearchParams(raw.toString('utf8'))) params.append(k, v);
    return fromStrings(specs, params);
  }
  throw new RestRejection(400, LegacyGatewayCode.UNSUPPORTED_CONTENT_TYPE, `unsupported content type: ${type}`);
}
