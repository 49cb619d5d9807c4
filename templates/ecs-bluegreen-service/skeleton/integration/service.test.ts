/*
 * Run by the pipeline's IntegrationTests action against staging, with
 * SERVICE_URL set to the URL the DeployStaging action exported.
 */
const baseUrl = process.env.SERVICE_URL;

if (!baseUrl) {
  test('SERVICE_URL is set', () => {
    throw new Error('Set SERVICE_URL to the base URL of the deployment to test (the pipeline does).');
  });
} else {
  describe(`the service at ${baseUrl}`, () => {
    test('GET /health answers ok', async () => {
      const response = await fetch(new URL('health', baseUrl));
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ok' });
    });

    test('an unknown route is a 404', async () => {
      const response = await fetch(new URL('no-such-route', baseUrl));
      expect(response.status).toBe(404);
    });
  });
}
