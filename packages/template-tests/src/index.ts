/**
 * The test matrix of Liftoff's software templates (private): the cases, the
 * runner that renders and builds a generated repository, and the checks on
 * its synthesized CloudFormation. The tests are in this package's *.test.ts.
 *
 * @packageDocumentation
 */
export {
  lambdaCases,
  ecsCases,
  TOPOLOGIES,
  type TopologyName,
  type MatrixCase,
  type ExpectedConfig,
  type TemplateName,
} from './cases';
export {
  runCase,
  pool,
  concurrency,
  timingTable,
  type CaseResult,
  type StepTiming,
} from './runner';
