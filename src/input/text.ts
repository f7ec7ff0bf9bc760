/**
 * Input hygiene: the one way Meridian turns the bytes of a file it reads (schema files, migration files,
 * atlas.sum, atlas.hcl, .env files, schema.prisma, typed SQL queries) into text.
 *
 * In:  a file's bytes and its name. Out: its text, or a located `E_ENCODING` error.
 * Never: guesses silently. A NUL byte, invalid UTF-8 or UTF-16/UTF-32 text is refused — the parser is C
 * code that stops at the first NUL, so `\0CREATE TABLE …` used to read as an empty schema and became
 * `DROP SCHEMA … CASCADE`. What PostgreSQL's own tools accept is decoded: a UTF-8 byte-order mark is
 * dropped (editors on Windows write one; it is not part of the SQL).
 */
import { readFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { MeridianError, type SourceLocation } from '../errors.js';

/** The UTF-8 byte-order mark. */
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Why a buffer is not acceptable text, with the byte offset of the first bad byte. */
export interface EncodingProblem {
  readonly offset: number;
  /** `NUL byte at offset 12`, `invalid UTF-8 byte 0xff at offset 3`, `UTF-16LE byte-order mark`… */
  readonly reason: string;
}

/**
 * The first reason `buf` is not UTF-8 text PostgreSQL would accept, or undefined when it is.
 *
 * @example
 * encodingProblem(Buffer.from('\0CREATE TABLE t ();')) // { offset: 0, reason: 'NUL byte at offset 0' }
 * encodingProblem(Buffer.from('CREATE TABLE t ();'))   // undefined
 */
export function encodingProblem(buf: Uint8Array): EncodingProblem | undefined {
  if (buf.length >= 4 && buf[0] === 0xff && buf[1] === 0xfe && buf[2] === 0 && buf[3] === 0) return { offset: 0, reason: 'UTF-32LE byte-order mark at offset 0' };
  if (buf.length >= 4 && buf[0] === 0 && buf[1] === 0 && buf[2] === 0xfe && buf[3] === 0xff) return { offset: 0, reason: 'UTF-32BE byte-order mark at offset 0' };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { offset: 0, reason: 'UTF-16LE byte-order mark at offset 0' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { offset: 0, reason: 'UTF-16BE byte-order mark at offset 0' };
  const nul = buf.indexOf(0);
  if (nul >= 0) return { offset: nul, reason: `NUL byte at offset ${nul}${looksLikeUtf16(buf) ? `; the file looks like ${looksLikeUtf16(buf)} without a byte-order mark` : ''}` };
  if (isUtf8(buf)) return undefined;
  const bad = firstInvalidUtf8(buf);
  return { offset: bad, reason: `invalid UTF-8 byte 0x${buf[bad]!.toString(16).padStart(2, '0')} at offset ${bad}` };
}

/** UTF-16 text of mostly ASCII characters has a NUL in every other byte of its first characters. */
function looksLikeUtf16(buf: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | undefined {
  const n = Math.min(buf.length - (buf.length % 2), 64);
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (buf[i] === 0) i % 2 === 0 ? even++ : odd++;
  if (odd >= n / 2 * 0.75 && even === 0) return 'UTF-16LE';
  if (even >= n / 2 * 0.75 && odd === 0) return 'UTF-16BE';
  return undefined;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence (RFC 3629). */
function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) (len = 2), (min = 0x80);
    else if (b >= 0xe0 && b <= 0xef) (len = 3), (min = 0x800);
    else if (b >= 0xf0 && b <= 0xf4) (len = 4), (min = 0x10000);
    else return i;
    if (i + len > buf.length) return i;
    let cp = b & (0xff >> (len + 1));
    for (let k = 1; k < len; k++) {
      const c = buf[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += len;
  }
  return i;
}

/** 1-based line and byte column of a byte offset (for an error at a byte that is not text). */
function byteLocation(buf: Uint8Array, offset: number, file: string): SourceLocation {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < buf.length; i++) if (buf[i] === 0x0a) (line++, (lineStart = i + 1));
  return { file, line, column: offset - lineStart + 1, offset };
}

/**
 * Throws the located `E_ENCODING` error for a buffer that is not acceptable text; returns otherwise.
 *
 * @example
 * assertText(readFileSync('database/migrations/20260101000000_init.sql'), '20260101000000_init.sql');
 */
export function assertText(buf: Uint8Array, file: string): void {
  const p = encodingProblem(buf);
  if (!p) return;
  throw new MeridianError(
    'E_ENCODING',
    `not UTF-8 text (${p.reason}). Meridian reads SQL and configuration files as UTF-8 only; ` +
      (/UTF-(16|32)/.test(p.reason) ? `convert it (e.g. \`iconv -f ${/UTF-32/.test(p.reason) ? 'UTF-32' : 'UTF-16'} -t UTF-8\`)` : 'restore the file from version control, or convert it to UTF-8 (e.g. `iconv -f LATIN1 -t UTF-8`)'),
    { location: byteLocation(buf, p.offset, file) },
  );
}

/** Whether a buffer starts with the UTF-8 byte-order mark. */
export function hasUtf8Bom(buf: Uint8Array): boolean {
  return buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
}

/**
 * The text of a file's bytes: checked (see `assertText`), a leading UTF-8 byte-order mark dropped.
 *
 * @example
 * decodeText(Buffer.from('\uFEFFCREATE TABLE t ();'), 'schema.sql') // 'CREATE TABLE t ();'
 */
export function decodeText(buf: Uint8Array, file: string): string {
  assertText(buf, file);
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  return (hasUtf8Bom(b) ? b.subarray(UTF8_BOM.length) : b).toString('utf8');
}

/**
 * Reads a text file Meridian consumes (see the module comment): every reader goes through here.
 *
 * @example
 * const sql = readTextFile('database/schema/schema.sql', 'database/schema/schema.sql');
 */
export function readTextFile(path: string, label = path): string {
  return decodeText(readFileSync(path), label);
}

/**
 * pg_dump's psql guard lines blanked: since PostgreSQL 17.6/16.10/15.14/14.19/13.22 every plain-format dump
 * opens with `\restrict KEY` and ends with `\unrestrict KEY`, psql meta-commands that only stop a malicious
 * server from injecting meta-commands into the dump. They are not SQL; in a schema file they are replaced by
 * blanks of the same length, so every other statement keeps its byte offset, line and column. Other
 * meta-commands (`\connect`, `\i`…) change what the file means and are left for the parser to report.
 *
 * @example
 * blankDumpGuards('\\restrict abc\nCREATE TABLE t ();\n') // '             \nCREATE TABLE t ();\n'
 */
export function blankDumpGuards(text: string): string {
  return text.replace(/^\\(?:un)?restrict[ \t]+[A-Za-z0-9]+[ \t\r]*$/gm, (line) => ' '.repeat(line.length));
}
