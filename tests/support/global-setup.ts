// Runs once per `npm test`, before any test file: says once, not per file, what will not run here.
export default function setup(): void {
  if (!process.env.ORDERLINE_TEST_POSTGRES_URL) {
    console.info('skipping the PostgreSQL runs of the integration suite: ORDERLINE_TEST_POSTGRES_URL is not set');
  }
}
