// The markup template escapes interpolated text and keeps only real markup.
import { describe, expect, it } from 'vitest';
import { escapeHtml, markup, raw } from './html.js';

describe('escapeHtml', () => {
  it('turns the five HTML-special characters into entities', () => {
    expect(escapeHtml(`<0 & >=7 "a" 'b'`)).toBe('&lt;0 &amp; &gt;=7 &quot;a&quot; &#39;b&#39;');
  });
});

describe('markup', () => {
  it('escapes interpolated text but keeps markup and joins arrays', () => {
    const item = (s: string) => markup`<li>${s}</li>`;
    const out = markup`<ul title="${'"x"'}">${['<0', '>=7'].map(item)}${raw('<b>ok</b>')}</ul>`;
    expect(out.text).toBe('<ul title="&quot;x&quot;"><li>&lt;0</li><li>&gt;=7</li><b>ok</b></ul>');
  });

  it('renders nothing for null, undefined and booleans and the digits of numbers', () => {
    expect(markup`[${null}${undefined}${false}${true}${0.5}]`.text).toBe('[0.5]');
  });

  it('refuses a plain object that looks like markup instead of emitting its text', () => {
    const fake = { text: '<script>' } as unknown as string;
    expect(() => markup`${fake}`).toThrow(TypeError);
  });
});
