// B3: the transport floor of a gRPC gateway — raw node:http → N parallel grpc-js unary calls (one channel per
// service, the metadata the services require) → JSON; no GraphQL, no token check. `/n1` makes W3's call (route
// 21's teacher read), `/n3` the three calls of W2 with the same per-request unique arguments.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { serve, serveLocal } from './serve.mjs';

const require = createRequire(import.meta.url);
const grpc = require('@grpc/grpc-js');
// The gateway's own channel options, so the floor compares like with like.
const { CHANNEL_OPTIONS } = require('../../dist/grpc-clients/channel-pool.js');
const dist = (path) => require(`../../dist/${path}`);
const { AuthTeacherService } = dist('grpc-clients/generated/auth/auth-teacher.js');
const { AuthStudentService } = dist('grpc-clients/generated/auth/auth-student.js');
const { ClubStudentService } = dist('grpc-clients/generated/club/club-student.js');
const { AnnouncementServiceService } = dist('grpc-clients/generated/announcement/announcement.js');
const { newSpanContext } = dist('grpc-clients/upstream-metadata.js');

await serve(async ({ addresses }) => {
  const channels = {};
  const channel = (service) =>
    (channels[service] ??= new grpc.Client(addresses[service], grpc.credentials.createInsecure(), CHANNEL_OPTIONS));
  const call = (service, def, request) =>
    new Promise((resolve, reject) => {
      const metadata = new grpc.Metadata();
      metadata.set('x-request-id', randomUUID());
      metadata.set('span-context', newSpanContext());
      channel(service).makeUnaryRequest(
        def.path,
        def.requestSerialize,
        def.responseDeserialize,
        request,
        metadata,
        { deadline: Date.now() + 5000 },
        (error, reply) => (error ? reject(error) : resolve(reply)),
      );
    });
  // Callers are fixed here: the floor has no token to read one from.
  const student = 'student-000001000001';
  const oneCall = () =>
    call('auth', AuthTeacherService.getTeacherInformWithUuid, {
      UUID: 'teacher-000001000001',
      TeacherUUID: 'teacher-000000000001',
    }).then((reply) => [reply]);
  const threeCalls = ({ name, page }) =>
    Promise.all([
      call('auth', AuthStudentService.getStudentUuiDsWithInform, {
        UUID: student,
        Grade: 0,
        Group: 0,
        StudentNumber: 0,
        Name: name,
        PhoneNumber: '',
        ImageURI: '',
      }),
      call('club', ClubStudentService.getClubsSortByUpdateTime, {
        UUID: student,
        Start: 0,
        Count: 10,
        Field: '',
        Name: name,
      }),
      call('announcement', AnnouncementServiceService.getAnnouncements, {
        uuid: student,
        type: 'club',
        start: page,
        count: 10,
      }),
    ]);
  const listener = (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      let status = 200;
      let body;
      try {
        const replies = req.url.startsWith('/n3')
          ? await threeCalls(JSON.parse(Buffer.concat(chunks).toString()).variables)
          : await oneCall();
        body = JSON.stringify(replies);
      } catch (error) {
        status = 503;
        body = JSON.stringify({ message: error.message });
      }
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  };
  return serveLocal(listener, () => {
    for (const client of Object.values(channels)) client.close();
  });
});
