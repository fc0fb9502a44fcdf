/**
 * Reading the CLI's input without trusting it: a path may name a device, a FIFO without a
 * writer, a directory or a file of gigabytes, and each must be refused in one line rather than
 * read without bound or waited on forever. Files are checked by type and size before a byte is
 * read, and read with a bound all the same (a file may grow between the check and the read).
 */

import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { isatty } from 'node:tty';
import { UsageError } from './arguments';

/**
 * The largest input read, from a file or standard input: 64 MiB. The longest real protocol is a
 * few hundred kilobytes; the limit exists so that `/dev/zero` or a runaway file is refused
 * instead of exhausting memory. Named in docs/cli.md.
 */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** The operand that means standard input. */
export const STANDARD_INPUT_OPERAND = '-';

/** The name standard input is reported under. */
export const STANDARD_INPUT_NAME = '<stdin>';

/** The folders a directory walk never enters besides dot-folders: dependencies are not the project's protocols. */
const SKIPPED_FOLDERS: readonly string[] = ['node_modules'];

/** How far into a file to look for a NUL byte, the sign of a binary file (as git and grep do). */
const BINARY_SNIFF_BYTES = 8192;

/** A text read from a file or standard input. */
export interface InputText {
  /** The path as given (or found under a directory), or `<stdin>`. */
  readonly file: string;
  /** The text, without a byte order mark. */
  readonly text: string;
  /** Whether the input began with a UTF-8 byte order mark, so that a rewrite keeps it. */
  readonly byteOrderMark: boolean;
}

/** Reads a file as UTF-8 text, refusing what is not a regular file of text within MAX_INPUT_BYTES; `kind` names what was expected (`.trial`, `JSON`). */
export function readTextFile(file: string, kind: string): InputText {
  return decodeText(file, readBoundedFile(file, kind), kind);
}

/** Reads standard input as UTF-8 text, refusing more than MAX_INPUT_BYTES and devices other than a terminal. */
export async function readStandardInput(stdin: NodeJS.ReadableStream, kind: string): Promise<InputText> {
  refuseStandardInputByType();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stdin) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.length;
      if (size > MAX_INPUT_BYTES) throw new UsageError(`${STANDARD_INPUT_NAME}: is over the ${formatMebibytes(MAX_INPUT_BYTES)} input limit`);
      chunks.push(bytes);
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${STANDARD_INPUT_NAME}: cannot be read (${errorCode(error)})`);
  }
  return decodeText(STANDARD_INPUT_NAME, Buffer.concat(chunks), kind);
}

/** Refuses a standard input redirected from a device (`< /dev/zero`) or from a regular file over the limit, before reading it. */
function refuseStandardInputByType(): void {
  let stats: Stats;
  try {
    stats = fstatSync(0);
  } catch {
    return; // No descriptor 0 to inspect (a closed stdin): the stream reports it.
  }
  if (stats.isFile() && stats.size > MAX_INPUT_BYTES) {
    throw new UsageError(`${STANDARD_INPUT_NAME}: is ${formatMebibytes(stats.size)}, over the ${formatMebibytes(MAX_INPUT_BYTES)} input limit`);
  }
  // A terminal is a character device too, and a fine source of text; other devices are not.
  if ((stats.isCharacterDevice() && !isatty(0)) || stats.isBlockDevice() || stats.isDirectory()) {
    throw new UsageError(`${STANDARD_INPUT_NAME}: is ${describeFileType(stats)}, not text`);
  }
}

/**
 * The files that a check or a format of `operands` reads: each file as given, each directory's
 * `.trial` files (recursively, sorted by name, not entering dot-folders or node_modules or
 * following links to folders), `-` as it is. A path twice is read once.
 */
export function expandOperands(operands: readonly string[]): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    const key = file === STANDARD_INPUT_OPERAND ? file : resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };
  for (const operand of operands) {
    if (operand !== STANDARD_INPUT_OPERAND && isDirectory(operand)) {
      const found = trialFilesUnder(operand);
      if (found.length === 0) throw new UsageError(`${operand}: is a directory with no .trial file in it`);
      found.forEach(add);
    } else {
      add(operand);
    }
  }
  return files;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // Reading it reports why, in the same words as for any file.
  }
}

function trialFilesUnder(directory: string): string[] {
  const found: string[] = [];
  const visit = (folder: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      throw new UsageError(`${folder}: cannot be listed (${errorCode(error)})`);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      // Dirent describes a link itself, so a link to a folder is not entered: no cycles.
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIPPED_FOLDERS.includes(entry.name)) visit(path);
      } else if (entry.name.endsWith('.trial')) {
        found.push(path);
      }
    }
  };
  visit(directory);
  return found;
}

/** The bytes of a regular file of at most MAX_INPUT_BYTES; anything else is a usage error. */
function readBoundedFile(file: string, kind: string): Buffer {
  // The type is checked on the path first, so that a device or a FIFO is never even opened.
  refuseUnlessSmallRegularFile(file, kind, statOrRefuse(file));
  let descriptor: number;
  try {
    // O_NONBLOCK: should a FIFO take the file's place after the check, opening it returns at once instead of waiting for a writer.
    descriptor = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw fileError(file, error);
  }
  try {
    refuseUnlessSmallRegularFile(file, kind, fstatSync(descriptor));
    return readAtMost(file, descriptor);
  } finally {
    closeSync(descriptor);
  }
}

function statOrRefuse(file: string): Stats {
  try {
    return statSync(file);
  } catch (error) {
    throw fileError(file, error);
  }
}

function refuseUnlessSmallRegularFile(file: string, kind: string, stats: Stats): void {
  if (!stats.isFile()) throw new UsageError(`${file}: is ${describeFileType(stats)}, not a ${kind} file`);
  if (stats.size > MAX_INPUT_BYTES) {
    throw new UsageError(`${file}: is ${formatMebibytes(stats.size)}, over the ${formatMebibytes(MAX_INPUT_BYTES)} input limit`);
  }
}

/** Reads to the end of the file, or refuses once it passes MAX_INPUT_BYTES (it grew since its size was checked). */
function readAtMost(file: string, descriptor: number): Buffer {
  const chunks: Buffer[] = [];
  let size = 0;
  while (true) {
    const chunk = Buffer.allocUnsafe(1024 * 1024);
    let count: number;
    try {
      count = readSync(descriptor, chunk, 0, chunk.length, null);
    } catch (error) {
      throw fileError(file, error);
    }
    if (count === 0) break;
    size += count;
    if (size > MAX_INPUT_BYTES) throw new UsageError(`${file}: is over the ${formatMebibytes(MAX_INPUT_BYTES)} input limit`);
    chunks.push(chunk.subarray(0, count));
  }
  return Buffer.concat(chunks, size);
}

/** Text from bytes: refuses a binary file (a NUL byte near the start) and invalid UTF-8; drops a byte order mark. */
function decodeText(file: string, bytes: Buffer, kind: string): InputText {
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) throw new UsageError(`${file}: is a binary file, not a ${kind} text file`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new UsageError(`${file}: is not UTF-8 text`);
  }
  const byteOrderMark = text.charCodeAt(0) === 0xfeff;
  return { file, text: byteOrderMark ? text.slice(1) : text, byteOrderMark };
}

function describeFileType(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** `64 MiB`, `65.5 MiB`. */
function formatMebibytes(bytes: number): string {
  const mebibytes = bytes / (1024 * 1024);
  return `${Number.isInteger(mebibytes) ? mebibytes : mebibytes.toFixed(1)} MiB`;
}

/** A failed read as a usage error in one line. */
function fileError(file: string, error: unknown): UsageError {
  const code = errorCode(error);
  if (code === 'ENOENT' || code === 'ENOTDIR') return new UsageError(`${file}: no such file`);
  if (code === 'EACCES' || code === 'EPERM') return new UsageError(`${file}: permission denied`);
  if (code === 'EISDIR') return new UsageError(`${file}: is a directory`);
  return new UsageError(`${file}: cannot be read (${code})`);
}

/** The errno code of a failed system call (`ENOENT`), or the message of another error. */
export function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ?? String((error as Error | undefined)?.message ?? error);
}
