// `--item "2x Margherita (extra cheese, no basil)"`: quantity, dish, modifiers, as people write
// them on an order pad. Matched against the server's menu by name or id, any case.
import { CliError, EXIT } from './errors.ts';
import { didYouMean } from './suggest.ts';

export interface ItemSpec {
  quantity: number;
  dish: string;
  modifiers: string[];
}

const SPEC = /^\s*(?:(\d+)\s*[x×*]\s*)?(.+?)\s*(?:\((.*)\))?\s*$/i;

export function parseItemSpec(text: string): ItemSpec {
  const match = SPEC.exec(text);
  if (!match || !match[2]) throw new CliError(`cannot read item "${text}"; write it like "2x Margherita (extra cheese)"`, EXIT.usage);
  const quantity = match[1] ? Number(match[1]) : 1;
  if (quantity < 1 || quantity > 99) throw new CliError(`item "${text}": quantity must be 1 to 99`, EXIT.usage);
  const modifiers = (match[3] ?? '')
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  return { quantity, dish: match[2].trim(), modifiers };
}

export function findDish<T extends { id: string; name: string }>(dish: string, menu: readonly T[]): T {
  const wanted = dish.toLowerCase();
  const found = menu.find((item) => item.name.toLowerCase() === wanted || item.id.toLowerCase() === wanted);
  if (found) return found;
  throw new CliError(`"${dish}" is not on the menu${didYouMean(dish, menu.map((m) => m.name))}`, EXIT.usage);
}
