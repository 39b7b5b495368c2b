import { describe, expect, it } from 'vitest';
import {
  checkReferences,
  compareOrdinal,
  decodeName,
  decodeText,
  encodeName,
  escapeText,
  findInvalidChar,
  positionOf,
} from './xml-text.ts';

describe('escapeText', () => {
  it('returns plain text unchanged', () => {
    const s = 'sample string 7 – ünïcødé 😀\ttab\nline';
    expect(escapeText(s)).toBe(s);
  });

  it('escapes markup characters and CR', () => {
    expect(escapeText(`a & b < c > d " e ' f\r\n`)).toBe('a &amp; b &lt; c &gt; d &quot; e &apos; f&#xD;\n');
  });

  it('writes C1 controls as references and replaces characters XML 1.0 forbids with U+FFFD', () => {
    expect(escapeText('a\u0085b\u007f')).toBe('a&#x85;b&#x7F;');
    expect(escapeText('\u0000\u0001\u000b\u000c\u001f\ufffe\uffff')).toBe('\ufffd'.repeat(7));
    expect(escapeText('x\ud800y\udc00z')).toBe('x\ufffdy\ufffdz');
    expect(escapeText('pair \ud83d\ude00 & end')).toBe('pair \ud83d\ude00 &amp; end');
  });
});

describe('findInvalidChar / positionOf', () => {
  it('finds forbidden characters and reports line and column', () => {
    expect(findInvalidChar('<a>ok 😀\t\r\n</a>')).toBe(-1);
    const s = '<a>\n  x\u0001</a>';
    expect(findInvalidChar(s)).toBe(7);
    expect(positionOf(s, 7)).toBe('line 2, column 4');
    expect(findInvalidChar('a\udc00')).toBe(1);
    expect(findInvalidChar('a\ud800')).toBe(1);
  });
});

describe('encodeName / decodeName', () => {
  it('keeps valid names and encodes invalid characters like XmlConvert.EncodeLocalName', () => {
    for (const n of ['_parent_id', 'article_code', 'id2', 'a-b.c', 'ünï']) expect(encodeName(n)).toBe(n);
    expect(encodeName('2nd')).toBe('_x0032_nd');
    expect(encodeName('a b:c')).toBe('a_x0020_b_x003A_c');
    expect(encodeName('a😀')).toBe('a_x0001F600_');
    expect(encodeName('_x0041_')).toBe('_x005F_x0041_');
    expect(encodeName('')).toBe('_');
  });

  it('round-trips', () => {
    for (const n of ['2nd', 'a b:c', 'a😀', '_x0041_', 'x_y', '$ref', 'ä ö']) {
      expect(decodeName(encodeName(n))).toBe(n);
    }
  });
});

describe('checkReferences / decodeText', () => {
  it('accepts built-ins and character references, skipping comments/CDATA/PIs', () => {
    expect(checkReferences('<a>&amp;&lt;&gt;&quot;&apos;&#65;&#x1F600;</a>')).toBeUndefined();
    expect(checkReferences('<a><!-- & --><![CDATA[ & ]]><?pi & ?></a>')).toBeUndefined();
    expect(decodeText('&amp;&lt;&gt;&quot;&apos;&#65;&#x1F600;&#xD;')).toBe(`&<>"'A😀\r`);
  });

  it('rejects undefined entities, bad references and bare ampersands with a position', () => {
    expect(checkReferences('<a>\n&foo;</a>')).toMatch(/undefined entity &foo; at line 2, column 1/);
    expect(checkReferences('<a>&constructor;</a>')).toMatch(/undefined entity/);
    expect(checkReferences('<a>&#1;</a>')).toMatch(/not allow/);
    expect(checkReferences('<a>&#xFFFF;</a>')).toMatch(/not allow/);
    expect(checkReferences('<a>a & b</a>')).toMatch(/line 1, column 6/);
  });
});

describe('compareOrdinal', () => {
  it('orders by code point', () => {
    expect(['article_code', '_parent_id', 'Zed', 'id2', 'id'].sort(compareOrdinal)).toEqual([
      'Zed',
      '_parent_id',
      'article_code',
      'id',
      'id2',
    ]);
    expect(compareOrdinal('\uffff', '😀')).toBeLessThan(0);
    expect(compareOrdinal('a', 'a')).toBe(0);
  });
});
