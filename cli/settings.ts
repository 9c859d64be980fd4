// Where the CLI finds its server and token, in order: flags, environment (ORDERLINE_SERVER,
// ORDERLINE_TOKEN), the config file, then the token file a local server wrote in its data folder.
// `orderline whoami` shows which source won.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { CliError, EXIT } from './errors.ts';

export const DEFAULT_SERVER = 'http://localhost:4000';
const TOKEN_FILE_NAME = 'manager-token';

export type Source = 'flag' | 'environment' | 'config file' | 'token file' | 'default' | 'none';

export interface Setting<T> {
  value: T;
  source: Source;
  /** The file the value came from, when it came from one. */
  file?: string;
}

export interface ClientSettings {
  server: Setting<string>;
  token: Setting<string | undefined>;
  configFile: string | undefined;
}

interface ConfigFile {
  server?: string | undefined;
  token?: string | undefined;
}

/** Loaded only when there is a config file to check. */
async function configSchema() {
  const { z } = await import('zod');
  return z
    .object({
      server: z.url({ message: 'must be a URL such as http://kitchen.local:4000' }).optional(),
      token: z.string().min(1, 'must not be empty').optional(),
    })
    .strict();
}

/** The config file to read: --config, ORDERLINE_CONFIG, or the per-user default. */
function configPath(explicit: string | undefined): { path: string; required: boolean } {
  if (explicit) return { path: resolve(explicit), required: true };
  const base = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return { path: join(base, 'orderline', 'config.json'), required: false };
}

export async function readConfigFile(path: string, required: boolean): Promise<ConfigFile> {
  if (!existsSync(path)) {
    if (required) throw new CliError(`config file ${path} does not exist`, EXIT.usage);
    return {};
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliError(`config file ${path} is not valid JSON: ${(error as Error).message}`, EXIT.usage);
  }
  const parsed = (await configSchema()).safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(file)'}: ${issue.message}`).join('\n');
    throw new CliError(`config file ${path} has problems:\n${problems}\nIt may hold "server" and "token".`, EXIT.usage);
  }
  return parsed.data;
}

/** Reads the global options of `command` (flags and environment, as commander parsed them). */
export async function resolveSettings(command: CommandUnknownOpts): Promise<ClientSettings> {
  // The root program defines these for every command (program.ts); a subcommand's type cannot see them.
  const options = command.optsWithGlobals() as { server?: string; token?: string; config?: string };
  const root = rootOf(command);
  const sourceOf = (key: string): Source => (root.getOptionValueSource(key) === 'env' ? 'environment' : 'flag');
  const { path, required } = configPath(options.config);
  const config = await readConfigFile(path, required);
  const configFile = existsSync(path) ? path : undefined;

  const server: Setting<string> = options.server
    ? { value: options.server, source: sourceOf('server') }
    : config.server
      ? { value: config.server, source: 'config file', file: path }
      : { value: DEFAULT_SERVER, source: 'default' };

  if (server.source === 'flag' || server.source === 'environment') checkServerUrl(server.value, server.source === 'flag' ? '--server' : 'ORDERLINE_SERVER');

  let token: Setting<string | undefined>;
  if (options.token) token = { value: options.token, source: sourceOf('token') };
  else if (config.token) token = { value: config.token, source: 'config file', file: path };
  else {
    const file = resolve(process.env.ORDERLINE_DATA_DIR || 'data', TOKEN_FILE_NAME);
    // The local server's manager secret goes only to a server on this machine, never elsewhere.
    token =
      existsSync(file) && isThisMachine(server.value)
        ? { value: readFileSync(file, 'utf8').trim(), source: 'token file', file }
        : { value: undefined, source: 'none' };
  }
  return { server, token, configFile };
}

function isThisMachine(server: string): boolean {
  try {
    return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(server).hostname);
  } catch {
    return false;
  }
}

/**
 * The config file's server is checked with the file; a flag or variable here, before any request:
 * otherwise "kitchen:4000" would be retried as network trouble and reported as a server not running.
 */
function checkServerUrl(value: string, where: string): void {
  let protocol: string | undefined;
  try {
    protocol = new URL(value).protocol;
  } catch {
    // not a URL at all
  }
  if (protocol === 'http:' || protocol === 'https:') return;
  const hint = value.includes('://') ? '' : `; did you mean http://${value}?`;
  throw new CliError(`${where} must be a URL such as http://kitchen.local:4000, got "${value}"${hint}`, EXIT.usage);
}

function rootOf(command: CommandUnknownOpts): CommandUnknownOpts {
  let root = command;
  while (root.parent) root = root.parent;
  return root;
}
