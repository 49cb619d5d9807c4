/*
 * Loaded into the backend process by the benchmark (node --import) when it
 * profiles: the first SIGUSR2 starts the V8 CPU profiler (then writes
 * `<file>.started`), the next one writes the profile to `<file>`.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const file = process.env.LIFTOFF_BENCH_PROFILE;
if (file) {
  let session: Session | undefined;
  process.on('SIGUSR2', () => {
    if (!session) {
      const s = new Session();
      session = s;
      s.connect();
      s.post('Profiler.enable', () =>
        s.post('Profiler.setSamplingInterval', { interval: 250 }, () =>
          s.post('Profiler.start', () => writeFileSync(`${file}.started`, '')),
        ),
      );
      return;
    }
    const s = session;
    session = undefined;
    s.post('Profiler.stop', (error, result) => {
      if (!error) {
        writeFileSync(`${file}.tmp`, JSON.stringify(result.profile));
        renameSync(`${file}.tmp`, file);
      }
      s.disconnect();
    });
  });
}
