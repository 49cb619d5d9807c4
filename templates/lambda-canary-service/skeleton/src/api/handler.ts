import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { route } from './routes';

export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const response = route(event.httpMethod, event.path, {
    serviceName: process.env.SERVICE_NAME ?? 'service',
    stage: process.env.STAGE ?? 'local',
    version: process.env.AWS_LAMBDA_FUNCTION_VERSION ?? '$LATEST',
  });
  return {
    statusCode: response.statusCode,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(response.body),
  };
}
