// Runs a command's work with an API client built from the resolved settings, closed afterwards.
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import type { Api } from './api/client.ts';
import { resolveSettings } from './settings.ts';

export async function withApi<T>(command: CommandUnknownOpts, work: (api: Api) => Promise<T>): Promise<T> {
  const settings = await resolveSettings(command);
  // Loaded here rather than at the top, so `--help` and completion stay quick.
  const { Api } = await import('./api/client.ts');
  const api = new Api({ server: settings.server.value, token: settings.token.value });
  try {
    return await work(api);
  } finally {
    await api.close();
  }
}
