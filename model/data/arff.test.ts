// Tests for the ARFF reader: hand-written files with known contents, tricky quoting and every rejection.
import { describe, it, expect } from 'vitest';
import { ArffParseError, parseArff } from './arff.js';

/** An ARFF header declaring `attributes` and ending in @data, so data starts on line attributes + 3. */
function header(...attributes: string[]): string {
  return ['@relation t', ...attributes.map((a) => `@attribute ${a}`), '@data'].join('\n');
}

function errorOf(text: string): ArffParseError {
  try {
    parseArff(text);
  } catch (error) {
    if (error instanceof ArffParseError) return error;
    throw error;
  }
  throw new Error('expected an ArffParseError');
}

describe('parseArff', () => {
  it('reads relation, numeric and nominal attributes and typed rows', () => {
    const text = [
      '% a comment',
      '@relation loans',
      '',
      '@attribute amount numeric',
      "@attribute purpose { 'new car', radio/tv }",
      '@data',
      "1169,'new car'",
      '2.5e3,radio/tv',
    ].join('\n');
    expect(parseArff(text)).toEqual({
      relation: 'loans',
      attributes: [
        { name: 'amount', type: 'numeric' },
        { name: 'purpose', type: { nominal: ['new car', 'radio/tv'] } },
      ],
      rows: [
        [1169, 'new car'],
        [2500, 'radio/tv'],
      ],
    });
  });

  it('treats @relation, @attribute, @data and type keywords case-insensitively', () => {
    const text =
      '@RELATION r\n@Attribute a REAL\n@ATTRIBUTE b Integer\n@attribute c NUMERIC\n@DATA\n1,2,3';
    const parsed = parseArff(text);
    expect(parsed.attributes.map((a) => a.type)).toEqual(['numeric', 'numeric', 'numeric']);
    expect(parsed.rows).toEqual([[1, 2, 3]]);
  });

  it('keeps commas, braces, percent signs and spaces inside quoted values', () => {
    const labels = "{ 'a,b', '{x}', '50%', ' padded ', \"dq 'inner'\" }";
    const text = `${header(`v ${labels}`)}\n'a,b'\n'{x}'\n'50%'\n' padded '\n"dq 'inner'"`;
    expect(parseArff(text).rows).toEqual([['a,b'], ['{x}'], ['50%'], [' padded '], ["dq 'inner'"]]);
  });

  it('unescapes backslash sequences inside quotes', () => {
    const text = `${header("v { 'it\\'s', 'back\\\\slash', 'tab\\there' }")}\n'it\\'s'\n'back\\\\slash'\n'tab\\there'`;
    expect(parseArff(text).rows).toEqual([["it's"], ['back\\slash'], ['tab\there']]);
  });

  it('reads quoted attribute and relation names', () => {
    const text = "@relation 'my data'\n@attribute 'credit amount' numeric\n@data\n7";
    const parsed = parseArff(text);
    expect(parsed.relation).toBe('my data');
    expect(parsed.attributes[0]?.name).toBe('credit amount');
  });

  it('ignores comments after values and blank or comment lines among the data, with CRLF line ends', () => {
    const text =
      '@relation r\r\n@attribute a numeric % the amount\r\n@data\r\n% first\r\n1 % one\r\n\r\n2\r\n';
    expect(parseArff(text).rows).toEqual([[1], [2]]);
  });

  it('reads a quoted question mark as a declared label, not as a missing value', () => {
    expect(parseArff(`${header("q { '?', no }")}\n'?'`).rows).toEqual([['?']]);
  });

  it('rejects a missing value, naming its line and attribute', () => {
    const error = errorOf(`${header('a numeric', 'b numeric')}\n1,2\n3,?`);
    expect(error.line).toBe(6);
    expect(error.message).toMatch(/^ARFF line 6: missing value '\?' for 'b'/);
  });

  it('rejects an unterminated quote on its line', () => {
    const error = errorOf(`${header("v { 'a' }")}\n'a`);
    expect(error.line).toBe(4);
    expect(error.message).toMatch(/unterminated/);
  });

  it('rejects an unquoted value containing a space', () => {
    const error = errorOf(`${header("v { 'new car' }")}\nnew car`);
    expect(error.line).toBe(4);
  });

  it('rejects an unknown nominal label with its line', () => {
    expect(errorOf(`${header('v { a, b }')}\na\nc`).message).toBe(
      "ARFF line 5: 'c' is not a declared value of v",
    );
  });

  it.each([
    ['12abc', 'text'],
    ['0x1f', 'hexadecimal'],
    ['Infinity', 'infinity'],
  ])('rejects %s (%s) as a number', (value) => {
    expect(errorOf(`${header('a numeric')}\n${value}`).line).toBe(4);
  });

  it('rejects a row with the wrong number of values', () => {
    expect(errorOf(`${header('a numeric', 'b numeric')}\n1,2,3`).message).toBe(
      'ARFF line 5: expected 2 values, found 3',
    );
  });

  it('rejects an empty value between commas', () => {
    expect(errorOf(`${header('a numeric', 'b numeric')}\n1,,2`).line).toBe(5);
  });

  it('rejects a nominal list without its closing brace', () => {
    expect(errorOf('@relation r\n@attribute v { a, b\n@data').line).toBe(2);
  });

  it('rejects a nominal list that repeats a label', () => {
    expect(errorOf('@relation r\n@attribute v { a, b, a }\n@data').message).toMatch(/'a' twice/);
  });

  it('rejects an attribute declared twice', () => {
    expect(errorOf('@relation r\n@attribute a numeric\n@attribute a numeric\n@data').line).toBe(3);
  });

  it.each(['string', 'date', "date 'yyyy-MM-dd'", 'relational', 'float'])(
    'rejects the unsupported type %s',
    (type) => {
      expect(errorOf(`@relation r\n@attribute a ${type}\n@data`).message).toMatch(
        /unsupported type/,
      );
    },
  );

  it('rejects sparse rows', () => {
    expect(errorOf(`${header('a numeric')}\n{0 1}`).message).toMatch(/sparse/);
  });

  it('rejects an @attribute before @relation and text that is not a declaration', () => {
    expect(errorOf('@attribute a numeric\n@relation r').line).toBe(1);
    expect(errorOf('@relation r\nattribute a numeric').line).toBe(2);
  });

  it('rejects a file without a @data section, at its last line', () => {
    expect(errorOf('@relation r\n@attribute a numeric\n').line).toBe(3);
  });
});
