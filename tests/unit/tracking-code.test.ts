import { describe, expect, it } from 'vitest';
import { routeFor } from '../../web-tracker/src/routing/routes.ts';
import { normaliseTrackingCode } from '../../shared/tracking-code.ts';

const CODE = '7k3m9q2xab4cd5ef6gh8';

describe('tracking codes as people type them', () => {
  it('accepts any case, spaces and dashes', () => {
    expect(normaliseTrackingCode(CODE)).toBe(CODE);
    expect(normaliseTrackingCode(CODE.toUpperCase())).toBe(CODE);
    expect(normaliseTrackingCode(' 7K3M-9Q2X-AB4C-D5EF-6GH8 ')).toBe(CODE);
    expect(normaliseTrackingCode('7k3m 9q2x\tab4c d5ef 6gh8')).toBe(CODE);
  });

  it('reads the letters Crockford base32 leaves out as the digits they look like', () => {
    expect(normaliseTrackingCode('7k3m9q2xab4cd5ef6gh8'.replace('ab4', 'abO'))).toBe('7k3m9q2xab0cd5ef6gh8');
    expect(normaliseTrackingCode('ilIL0000000000000000')).toBe('11110000000000000000');
  });

  it('refuses what cannot be a code', () => {
    expect(normaliseTrackingCode('')).toBeNull();
    expect(normaliseTrackingCode(CODE.slice(1))).toBeNull();
    expect(normaliseTrackingCode(`${CODE}0`)).toBeNull();
    expect(normaliseTrackingCode(CODE.replace('7', 'u'))).toBeNull();
    expect(normaliseTrackingCode(CODE.replace('7', '!'))).toBeNull();
  });
});

describe('the pages and their paths', () => {
  it('sends each path to its page', () => {
    expect(routeFor('/')).toEqual({ page: 'home' });
    expect(routeFor('/order')).toEqual({ page: 'order' });
    expect(routeFor('/board/')).toEqual({ page: 'board' });
    expect(routeFor('/menu')).toEqual({ page: 'not-found' });
  });

  it('normalises the code in a tracking link and keeps a malformed one as typed', () => {
    expect(routeFor(`/track/${CODE.toUpperCase()}`)).toEqual({ page: 'track', code: CODE, typed: CODE.toUpperCase() });
    expect(routeFor('/track/7K3M-9Q2X-AB4C-D5EF-6GH8')).toMatchObject({ code: CODE });
    expect(routeFor('/track/7k3m%209q2x%20ab4c%20d5ef%206gh8')).toMatchObject({ code: CODE });
    expect(routeFor('/track/hello')).toEqual({ page: 'track', code: null, typed: 'hello' });
    expect(routeFor('/track/%E0%A4%A')).toMatchObject({ page: 'track', code: null });
  });
});
