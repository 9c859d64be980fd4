// SmallSet: a set that keeps a lone member in a field, and behaves as a Set does as members come and go.
import { describe, expect, it } from 'vitest';
import { SmallSet } from '../../server/small-set.ts';

describe('SmallSet', () => {
  it('holds one member, then many, in the order they came, each once', () => {
    const set = new SmallSet<string>();
    expect([set.size, [...set], set.has('a')]).toEqual([0, [], false]);
    set.add('a').add('a');
    expect([set.size, [...set], set.has('a'), set.has('b')]).toEqual([1, ['a'], true, false]);
    set.add('b').add('c').add('b');
    expect([set.size, [...set]]).toEqual([3, ['a', 'b', 'c']]);
  });

  it('says whether a member was deleted, alone or among many', () => {
    const set = new SmallSet<string>().add('a');
    expect([set.delete('b'), set.delete('a'), set.delete('a'), set.size]).toEqual([false, true, false, 0]);
    set.add('x').add('y');
    expect([set.delete('x'), set.delete('x'), [...set]]).toEqual([true, false, ['y']]);
    // Down to one, and on again.
    set.add('z');
    expect([set.size, [...set], set.has('x'), set.has('z')]).toEqual([2, ['y', 'z'], false, true]);
  });

  it('has no undefined member, empty or not', () => {
    const set = new SmallSet<string | undefined>();
    expect(set.has(undefined)).toBe(false);
    set.add('a');
    expect([set.has(undefined), set.delete(undefined), set.size]).toEqual([false, false, 1]);
  });

  it('can be iterated while its members leave, as a Set can', () => {
    for (const members of [['a'], ['a', 'b', 'c']]) {
      const set = new SmallSet<string>();
      for (const member of members) set.add(member);
      const seen: string[] = [];
      for (const member of set) {
        seen.push(member);
        set.delete(member);
      }
      expect([seen, set.size]).toEqual([members, 0]);
    }
  });
});
