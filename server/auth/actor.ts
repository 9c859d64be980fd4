// Who is asking. Staff act with API tokens; customers are anonymous and hold tracking codes.

export const ROLES = ['KITCHEN', 'MANAGER'] as const;
export type Role = (typeof ROLES)[number];

export type Actor =
  | { kind: 'customer' }
  | { kind: 'staff'; tokenId: number; name: string; role: Role }
  | { kind: 'system' };

export const CUSTOMER: Actor = { kind: 'customer' };
export const SYSTEM: Actor = { kind: 'system' };

/** How the actor is recorded in the event log. */
export function actorLabel(actor: Actor): string {
  if (actor.kind === 'staff') return `${actor.name} (${actor.role.toLowerCase()})`;
  return actor.kind;
}
