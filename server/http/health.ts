// /health: what a load balancer and a person need to know. `down` (HTTP 503) when the database
// cannot answer; `degraded` (HTTP 200) when live events are slower than usual but nothing is lost.
import type { Services } from '../services.ts';

const STARTED = Date.now();

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  database: { provider: string; state: 'ok' | 'down'; detail?: string };
  pubsub: { transport: string; state: 'ok' | 'degraded'; detail?: string };
  liveConnections: number;
  uptimeSeconds: number;
}

export async function healthReport(services: Services, liveConnections: number): Promise<HealthReport> {
  const provider = services.db.target.provider;
  let database: HealthReport['database'];
  try {
    await services.db.ping();
    database = { provider, state: 'ok' };
  } catch (error) {
    database = { provider, state: 'down', detail: (error as Error).message.split('\n')[0] };
  }
  const pubsub = services.bus.health();
  const status = database.state === 'down' ? 'down' : pubsub.state === 'degraded' ? 'degraded' : 'ok';
  return { status, database, pubsub, liveConnections, uptimeSeconds: Math.round((Date.now() - STARTED) / 1000) };
}
