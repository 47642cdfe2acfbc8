import type { Readable } from 'node:stream';
import type { FileUpload } from 'graphql-upload-minimal';
import { ErrorCode } from '../../core/error-codes';
import { GatewayError } from '../../core/errors';

/** An uploaded file read into memory, as the upstream RPCs take it (`bytes` fields). */
export interface ReadUpload {
  bytes: Buffer;
  filename: string;
  mimetype: string;
}

/**
 * Reads an `Upload` argument into a Buffer. The size cap is the HTTP layer's (`MAX_UPLOAD_BYTES`): busboy stops
 * a file at the cap and marks its stream truncated instead of failing it, so a truncated stream is reported here
 * rather than sent upstream as a cut-off image or workbook.
 */
export async function readUpload(upload: Promise<FileUpload>): Promise<ReadUpload> {
  const { createReadStream, filename, mimetype } = await upload;
  const stream = createReadStream() as Readable & { truncated?: boolean };
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  if (stream.truncated) {
    throw new GatewayError(ErrorCode.PAYLOAD_TOO_LARGE, `file ${filename} exceeds the upload size limit`);
  }
  return { bytes: Buffer.concat(chunks), filename, mimetype };
}
