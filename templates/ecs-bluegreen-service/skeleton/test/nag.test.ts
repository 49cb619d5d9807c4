import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildApp } from './fixture';

test('cdk-nag (AWS Solutions) finds nothing unacknowledged', () => {
  const { app } = buildApp();
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  // A finding makes synth throw ValidationFailed, with the report in the message.
  expect(() => app.synth()).not.toThrow();
});
