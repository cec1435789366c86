import { describe, expect, it } from 'vitest';
import { BlumeopsError } from '../errors.js';
import { dependencyOrder, unselectedNeeds } from './graph.js';

const node = (name: string, ...needs: string[]) => ({ name, needs });

describe('dependencyOrder', () => {
  it('puts each layer after what it needs, keeping file order otherwise', () => {
    const order = dependencyOrder([node('argocd', 'indri'), node('dns'), node('indri', 'tailnet'), node('tailnet')]);
    expect(order.map((entry) => entry.name)).toEqual(['tailnet', 'indri', 'argocd', 'dns']);
  });

  it('names the cycle', () => {
    expect(() => dependencyOrder([node('a', 'c'), node('b', 'a'), node('c', 'b')])).toThrow(BlumeopsError);
    expect(() => dependencyOrder([node('a', 'c'), node('b', 'a'), node('c', 'b')])).toThrow('dependency cycle: a → c → b → a');
  });

  it('ignores needs outside the given set', () => {
    expect(dependencyOrder([node('indri', 'tailnet')]).map((entry) => entry.name)).toEqual(['indri']);
  });
});

describe('unselectedNeeds', () => {
  it('says which dependencies were not selected', () => {
    expect(unselectedNeeds([node('indri', 'tailnet'), node('argocd', 'indri')])).toEqual(new Map([['indri', ['tailnet']]]));
  });
});
