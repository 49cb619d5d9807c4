import '@testing-library/jest-dom';

// The component tests render the whole CI/CD tab and click through it. Alone
// one takes 1-2 s; in the full repo run on 2 cores, beside the template
// matrix's builds, the same test has taken over 5 s (jest's default). The
// package's jest config cannot set this: the repo-level run ignores it.
jest.setTimeout(20_000);
