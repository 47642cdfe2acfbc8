// CPU profiles of the steady state only: the parent sends `profile-start` after a case's warm-up and
// `profile-stop` (with the file name) after its measured run, so startup and module loading stay out of them.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

export function answerProfilingRequests() {
  const session = new Session();
  session.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  process.on('message', async (message) => {
    if (message?.profile === 'start') {
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 100 });
      await post('Profiler.start');
      process.send({ profiling: true });
    } else if (message?.profile === 'stop') {
      const { profile } = await post('Profiler.stop');
      writeFileSync(message.file, JSON.stringify(profile));
      process.send({ profiled: message.file });
    }
  });
}
