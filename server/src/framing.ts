/**
 * A guard between standard input and the language server's JSON-RPC reader. The reader trusts
 * each `Content-Length` header: one that is too short leaves the rest of the message to be read
 * as the next header, one that is too long swallows the next message while it waits for bytes
 * that never come, and either way the server stops answering without a word. The guard reads the
 * same framing and passes every well-formed message on unchanged; where the framing is wrong it
 * says so in one line, repairs the message when its true end can be found, drops it otherwise,
 * and reads on from the next header, so the messages after a bad one are answered.
 *
 * What proves a length wrong: a body must be JSON, and JSON cannot hold the raw bytes
 * `Content-Length: 12` followed by a line break (a string escapes the line break; outside a
 * string the words are not JSON). So a header inside a body means the body was declared too
 * long, and a body that does not parse was declared too short (or is not JSON at all). The true
 * end of a message is then the next header, or the end of what has arrived.
 */

import { Transform, type TransformCallback } from 'node:stream';

const HEADER_END = Buffer.from('\r\n\r\n');
const LENGTH_NAMES = [Buffer.from('Content-Length:'), Buffer.from('content-length:')];

/** The longest header line looked for: `Content-Length: ` and 15 digits and a line break. */
const HEADER_LINE_BYTES = 40;

/** Bytes searched again at the start of each new chunk, so that a header split between two chunks is found. */
const OVERLAP = 64;

/** A header block longer than this is not a header: it is skipped up to the next `Content-Length:`. */
const MAX_HEADER_BYTES = 8192;

/** How long a message may stay incomplete before the guard says what it is waiting for, in ms. */
export const INCOMPLETE_MESSAGE_NOTICE_MS = 2000;

/** A parsed header block: the length it declares, or why it is not a header. */
function readHeaderBlock(block: string): { length: number } | { problem: string } {
  // What every client sends: one header.
  const plain = /^Content-Length: (\d{1,15})$/.exec(block);
  if (plain) return { length: Number(plain[1]) };
  let length: number | undefined;
  for (const line of block.split('\r\n')) {
    const match = /^([A-Za-z][A-Za-z0-9-]*)[ \t]*:[ \t]*(.*)$/.exec(line);
    if (!match) return { problem: `the header line ${JSON.stringify(line.slice(0, 60))} is not \`Name: value\`` };
    if (match[1].toLowerCase() !== 'content-length') continue;
    const value = match[2].trim();
    if (!/^\d{1,15}$/.test(value)) return { problem: `the Content-Length ${JSON.stringify(value.slice(0, 30))} is not a number of bytes` };
    length = Number(value);
  }
  return length === undefined ? { problem: 'the header has no Content-Length' } : { length };
}

/** Whether a header line that declares a length starts at `at`: `Content-Length:`, spaces, digits, a line break. */
function headerStartsAt(buffer: Buffer, at: number): boolean {
  let i = at + LENGTH_NAMES[0].length;
  while (i < buffer.length && (buffer[i] === 0x20 || buffer[i] === 0x09)) i++;
  const digits = i;
  while (i < buffer.length && buffer[i] >= 0x30 && buffer[i] <= 0x39) i++;
  return i > digits && buffer[i] === 0x0d && buffer[i + 1] === 0x0a;
}

/** The offset of the first `Content-Length: N` header line in `buffer` at or after `from`, or -1. */
function findHeader(buffer: Buffer, from: number): number {
  let found = -1;
  for (const name of LENGTH_NAMES) {
    for (let at = buffer.indexOf(name, from); at >= 0 && (found < 0 || at < found); at = buffer.indexOf(name, at + 1)) {
      if (headerStartsAt(buffer, at)) {
        found = at;
        break;
      }
    }
  }
  return found;
}

function isJson(body: Buffer): boolean {
  try {
    JSON.parse(body.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

function frame(body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

/**
 * The guard as a stream: pipe standard input into it and give it to the connection as its input.
 * `report` receives one line per framing problem.
 */
export function createFramingGuard(report: (line: string) => void): Transform {
  /** The bytes not yet passed on; while a body is incomplete, kept as chunks, joined once it is complete. */
  let parts: Buffer[] = [];
  let size = 0;
  /** The message being read: where its body starts and the length its header declares. */
  let current: { bodyStart: number; length: number } | undefined;
  let noticeTimer: NodeJS.Timeout | undefined;

  function joined(): Buffer {
    if (parts.length > 1) parts = [Buffer.concat(parts, size)];
    return parts[0] ?? Buffer.alloc(0);
  }

  function drop(count: number): void {
    const rest = joined().subarray(count);
    parts = rest.length ? [rest] : [];
    size = rest.length;
  }

  /** Whether the chunk just added, with the bytes before it, holds the start of a header: only new bytes are searched, so a large body is read in linear time. */
  function headerInNewBytes(chunk: Buffer): boolean {
    const before = parts.length > 1 ? parts[parts.length - 2] : Buffer.alloc(0);
    const window = Buffer.concat([before.subarray(Math.max(0, before.length - OVERLAP)), chunk]);
    return findHeader(window, 0) >= 0;
  }

  /** Passes on every complete message in the buffer; returns when more bytes are needed. */
  function pump(stream: Transform): void {
    for (;;) {
      const buffer = joined();
      if (!current) {
        const end = buffer.indexOf(HEADER_END);
        if (end < 0) {
          if (buffer.length > MAX_HEADER_BYTES) skipToHeader(buffer, `${buffer.length} bytes arrived without a message header`, buffer.length - OVERLAP);
          return;
        }
        const header = readHeaderBlock(buffer.subarray(0, end).toString('latin1'));
        if ('problem' in header) {
          skipToHeader(buffer, header.problem, end + HEADER_END.length);
          continue;
        }
        current = { bodyStart: end + HEADER_END.length, length: header.length };
      }
      const { bodyStart, length } = current;
      const bodyEnd = bodyStart + length;
      // Only a header that starts inside the declared body matters here; the search stops at the body's end.
      const inside = findHeader(buffer.subarray(0, Math.min(buffer.length, bodyEnd + HEADER_LINE_BYTES)), bodyStart);
      if (inside >= 0 && inside < bodyEnd) {
        repair(stream, buffer, inside, `it said ${length} bytes, but the next header began after ${inside - bodyStart}`);
        continue;
      }
      if (buffer.length < bodyEnd) return;
      const body = buffer.subarray(bodyStart, bodyEnd);
      if (!isJson(body)) {
        const next = findHeader(buffer, bodyStart);
        repair(stream, buffer, next >= 0 ? next : buffer.length, `it said ${length} bytes, which are not JSON`);
        continue;
      }
      stream.push(buffer.subarray(0, bodyEnd));
      drop(bodyEnd);
      current = undefined;
    }
  }

  /** The message being read ends at `end` (the next header, or the end of what has arrived), not where its header said: passed on with its true length when that is JSON, else dropped. */
  function repair(stream: Transform, buffer: Buffer, end: number, what: string): void {
    const body = buffer.subarray(current!.bodyStart, end);
    if (isJson(body)) {
      report(`trial: a message's Content-Length was wrong (${what}); read it as the ${body.length} bytes after its header`);
      stream.push(frame(body));
    } else {
      report(`trial: a message's Content-Length was wrong (${what}), and the ${body.length} bytes after its header are not JSON either; dropped them`);
    }
    drop(end);
    current = undefined;
  }

  /** Skips to the next `Content-Length:` header, or, when none has arrived, the first `otherwise` bytes, saying why. */
  function skipToHeader(buffer: Buffer, why: string, otherwise: number): void {
    const next = findHeader(buffer, 1);
    const skipped = next >= 0 ? next : Math.max(1, otherwise);
    report(`trial: ${why}; skipped ${skipped} bytes${next >= 0 ? ' to the next message header' : ''}`);
    drop(skipped);
  }

  function clearNotice(): void {
    if (noticeTimer) clearTimeout(noticeTimer);
    noticeTimer = undefined;
  }

  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      clearNotice();
      parts.push(chunk);
      size += chunk.length;
      const waitingForBody = current !== undefined && size < current.bodyStart + current.length;
      if (!waitingForBody || headerInNewBytes(chunk)) pump(this);
      if (current) {
        const waiting = current;
        noticeTimer = setTimeout(() => {
          report(
            `trial: waiting for ${waiting.bodyStart + waiting.length - size} more bytes of a message of Content-Length ${waiting.length}; if that length is wrong, the next message will show where this one ends`,
          );
        }, INCOMPLETE_MESSAGE_NOTICE_MS);
        noticeTimer.unref();
      }
      done();
    },
    flush(done: TransformCallback) {
      clearNotice();
      if (size > 0) report(`trial: the input ended inside a message (${size} bytes unread)`);
      done();
    },
  });
}
