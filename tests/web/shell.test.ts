// @vitest-environment happy-dom
// index.html's shell, what a phone shows before the script arrives: the page's own header and main,
// so nothing moves when React draws over it, styled only as styles.css styles them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from '@testing-library/react';
import { App } from '../../web-tracker/src/app.tsx';
import { fakeApi } from './fake-api.tsx';

const read = (path: string) => readFileSync(join(import.meta.dirname, '../../web-tracker', path), 'utf8');
const page = new DOMParser().parseFromString(read('index.html'), 'text/html');
const shell = page.getElementById('root')!;

/** Each element as tag.classes, nested, with the links' text and address: what the layout is made of. */
function skeleton(element: Element): unknown {
  const name = [element.tagName.toLowerCase(), ...element.classList].join('.');
  if (element.tagName === 'A') return `${name} ${element.textContent} → ${element.getAttribute('href')}`;
  if (element.tagName === 'MAIN') return name; // its content is the page's own
  return { [name]: [...element.children].map(skeleton) };
}

/** Every declaration as "@media… selector property:value", spaces squeezed out. */
function declarations(css: string): Set<string> {
  const squash = (text: string) => text.replace(/\s+/g, ' ').replace(/\s*([,:;>])\s*/g, '$1').trim();
  const found = new Set<string>();
  const context: string[] = [];
  let text = '';
  for (const char of css.replace(/\/\*[\s\S]*?\*\//g, '')) {
    if (char === '{') {
      context.push(squash(text));
      text = '';
    } else if (char === '}') {
      for (const declaration of text.split(';')) if (declaration.trim()) found.add(`${context.join(' ')} ${squash(declaration)}`);
      context.pop();
      text = '';
    } else text += char;
  }
  return found;
}

afterEach(cleanup);

describe('the shell in index.html', () => {
  it('is the header and main the app draws on every page but the board, with one main and the site name', () => {
    window.history.replaceState(null, '', '/');
    const { container } = fakeApi(() => ({})).render(createElement(App));
    expect([...shell.children].map(skeleton)).toEqual([...container.children].map(skeleton));
    expect(shell.querySelectorAll('main')).toHaveLength(1);
    expect(shell.querySelector('header a')?.textContent).toBe('Orderline');
    expect(shell.querySelector('main')?.textContent).toContain('Loading…');
  });

  it('says that the page needs JavaScript, and hides "Loading…", when scripts are off', () => {
    expect(shell.querySelector('main noscript')?.textContent).toContain('This page needs JavaScript');
    expect(page.head.querySelector('noscript')?.textContent).toMatch(/\.page-message\s*\{\s*display:\s*none/);
  });

  it('is styled only with declarations styles.css makes too, so the stylesheet, linked after it, changes nothing', () => {
    const inline = page.head.querySelector(':scope > style')!.textContent;
    const stylesheet = declarations(read('src/styles.css'));
    const extra = [...declarations(inline)].filter((declaration) => !stylesheet.has(declaration));
    expect(declarations(inline).size).toBeGreaterThan(10);
    expect(extra).toEqual([]);
  });
});
