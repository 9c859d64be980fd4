// GraphQL over HTTP POST, as every test talks to a server it started (in-process or a child
// `orderline serve`). No server code here, so the child-process tests load none.
import type { ExecutionResult } from 'graphql';

export type Gql = <T = any>(query: string, variables?: Record<string, unknown>, token?: string | null) => Promise<ExecutionResult<T> & { status: number }>;

/** Requests to the server at `url`, as the manager unless another token (or null, for none) is given. */
export function graphqlOver(url: string, managerToken: string): Gql {
  return async (query, variables = {}, token = managerToken) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { ...((await response.json()) as ExecutionResult<any>), status: response.status };
  };
}
