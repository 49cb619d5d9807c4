// The action tests run the scaffolder's actions against a real emulator over
// HTTP and step its clock through whole pipeline runs: alone a test takes well
// under a second, but in the full repo run on 2 cores, beside the template
// matrix's builds, one has taken over jest's default 5 s. The package's jest
// config cannot set this: the repo-level run ignores it. A test that never
// finishes still fails, after 30 s.
jest.setTimeout(30_000);
