// One unary read of a teacher (route 21's RPC) on a raw grpc-js client, with the metadata the gateway sends: the
// call the direct-gRPC measurements (B4, bench/grpc-channel-options.mjs) repeat.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const grpc = require('@grpc/grpc-js');
const { AuthTeacherService } = require('../../dist/grpc-clients/generated/auth/auth-teacher.js');
const { newSpanContext } = require('../../dist/grpc-clients/upstream-metadata.js');

const def = AuthTeacherService.getTeacherInformWithUuid;
const REQUEST = { UUID: 'teacher-000001000001', TeacherUUID: 'teacher-000000000001' };

/** Resolves true when the call succeeded, false when it failed (never rejects). */
export function readTeacherOnce(client) {
  return new Promise((resolve) => {
    const metadata = new grpc.Metadata();
    metadata.set('x-request-id', randomUUID());
    metadata.set('span-context', newSpanContext());
    client.makeUnaryRequest(def.path, def.requestSerialize, def.responseDeserialize, REQUEST, metadata, (e) =>
      resolve(!e),
    );
  });
}
