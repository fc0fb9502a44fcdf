/**
 * The `.trial` files of the workspace folders that are not open, for workspace symbols. A
 * workspace may hold anything under a `.trial` name: a FIFO (reading it waits for a writer that
 * never comes), a device, a link to nowhere or in a loop, a file of gigabytes. So each entry is
 * looked at by type and size before a byte is read, read with a bound, and a failure costs that
 * entry only. Files are parsed, not analysed (an outline needs no checks), once: their symbols
 * are kept until a file event (`workspace/didChangeWatchedFiles`) says the file changed, or, for
 * a client that sends no file events, until its size or modification time does. All of it is
 * done as work items run against a deadline, so a request never waits on the whole workspace
 * and the rest is read between requests.
 */

import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, statSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Range, SymbolKind, WorkspaceSymbol } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { OutlineKind, OutlineSymbol } from './features/structure';

/** The largest workspace file read for its symbols: a protocol is a few hundred kilobytes. */
export const MAX_WORKSPACE_FILE_BYTES = 5_000_000;

/** How deep below a workspace folder the walk goes, and how many files it keeps. */
const MAX_DEPTH = 6;
const MAX_FILES = 500;

/** Folders that hold no protocols of the project's own. */
const SKIPPED_FOLDERS = new Set(['node_modules', 'out', 'dist']);

/** A symbol of a file, with its location already in LSP terms. */
interface FileSymbol {
  readonly name: string;
  readonly kind: SymbolKind;
  readonly containerName?: string;
  readonly range: Range;
}

interface FileEntry {
  readonly uri: string;
  /** The file's size and modification time when read: a client without file events is served from the entry while they hold. */
  readonly size: number;
  readonly mtimeMs: number;
  readonly symbols: readonly FileSymbol[];
}

type Work = { readonly kind: 'list'; readonly folder: string; readonly depth: number } | { readonly kind: 'read'; readonly file: string };

export interface WorkspaceIndexOptions {
  /** The outline of a text from its syntax alone. */
  readonly outline: (text: string) => OutlineSymbol[];
  /** The LSP kind of an outline symbol. */
  readonly symbolKind: (kind: OutlineKind) => SymbolKind;
  /** One line per entry that could not be read, and why (logged once per entry and reason). */
  readonly log: (line: string) => void;
}

export interface WorkspaceIndex {
  /** The workspace folders (file system paths); forgets what was read under other folders. */
  setFolders(folders: readonly string[]): void;
  /** From now on the client reports file changes: entries are trusted until an event says otherwise. */
  setWatching(watching: boolean): void;
  /** A file event: a created or changed file is read again, a deleted one forgotten. */
  fileChanged(uri: string, change: 'created' | 'changed' | 'deleted'): void;
  /**
   * The symbols of the files not open whose name contains `query` (lower case), after working
   * until `deadline` (a `performance.now()` time) on what is unread; files still unread are left
   * for later calls and `work`.
   */
  symbols(query: string, isOpen: (uri: string) => boolean, deadline: number): WorkspaceSymbol[];
  /** Runs queued work until `deadline`; true while work remains. */
  work(deadline: number): boolean;
}

/** Creates the index; it reads nothing until asked. */
export function createWorkspaceIndex(options: WorkspaceIndexOptions): WorkspaceIndex {
  let folders: readonly string[] = [];
  let watching = false;
  const entries = new Map<string, FileEntry>();
  let queue: Work[] = [];
  /** The files found by the current walk, to forget those that are gone when it ends. */
  let walked = new Set<string>();
  let walking = false;
  const logged = new Set<string>();

  const logOnce = (key: string, line: string) => {
    if (logged.has(key)) return;
    logged.add(key);
    options.log(line);
  };

  function startWalk(): void {
    walking = true;
    walked = new Set();
    queue = [...folders.map((folder): Work => ({ kind: 'list', folder, depth: 0 })), ...queue.filter((work) => work.kind === 'read')];
  }

  function inFolders(file: string): boolean {
    return folders.some((folder) => {
      const relative = path.relative(folder, file);
      return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
    });
  }

  function list(folder: string, depth: number): void {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch (error) {
      logOnce(`list ${folder} ${errorCode(error)}`, `trial: workspace symbols: cannot list ${folder} (${errorCode(error)}); its files are left out`);
      return;
    }
    names.sort();
    for (const name of names) {
      if (walked.size >= MAX_FILES) return;
      if (name.startsWith('.') || SKIPPED_FOLDERS.has(name)) continue;
      const full = path.join(folder, name);
      let stats: Stats;
      try {
        // lstat: a link is looked at as a link, so a link to a folder is never entered (no cycles).
        stats = lstatSync(full);
      } catch (error) {
        logOnce(`lstat ${full} ${errorCode(error)}`, `trial: workspace symbols: cannot look at ${full} (${errorCode(error)}); left out`);
        continue;
      }
      if (stats.isDirectory()) {
        if (depth < MAX_DEPTH) queue.push({ kind: 'list', folder: full, depth: depth + 1 });
      } else if (name.endsWith('.trial')) {
        // Whatever it is, it is looked at by the read, which says why a FIFO or a device is left out.
        walked.add(full);
        const entry = entries.get(pathToFileURL(full).href);
        // A client with file events has said whether the file changed; one without is asked of the file itself.
        if (!entry || (!watching && !unchanged(entry, full))) queue.push({ kind: 'read', file: full });
      }
    }
  }

  function unchanged(entry: FileEntry, file: string): boolean {
    try {
      const stats = statSync(file);
      return stats.size === entry.size && stats.mtimeMs === entry.mtimeMs;
    } catch {
      return false;
    }
  }

  function read(file: string): void {
    const uri = pathToFileURL(file).href;
    const text = readBounded(file, (reason) => logOnce(`read ${file} ${reason}`, `trial: workspace symbols: ${file} ${reason}; left out`));
    if (text === undefined) {
      entries.delete(uri);
      return;
    }
    const document = TextDocument.create(uri, 'trial', 0, text.text);
    const symbols: FileSymbol[] = [];
    const visit = (symbol: OutlineSymbol, container?: string) => {
      if (symbol.kind !== 'criterion') {
        symbols.push({
          name: symbol.name,
          kind: options.symbolKind(symbol.kind),
          containerName: container,
          range: { start: document.positionAt(symbol.selection.offset), end: document.positionAt(symbol.selection.offset + symbol.selection.length) },
        });
      }
      for (const child of symbol.children) visit(child, symbol.name);
    };
    for (const symbol of options.outline(text.text)) visit(symbol);
    entries.set(uri, { uri, size: text.size, mtimeMs: text.mtimeMs, symbols });
  }

  function work(deadline: number): boolean {
    while (queue.length > 0) {
      if (performance.now() >= deadline) return true;
      const next = queue.shift()!;
      if (next.kind === 'list') list(next.folder, next.depth);
      else read(next.file);
    }
    if (walking) {
      // The walk is complete: what it did not find is gone.
      walking = false;
      for (const [uri, entry] of entries) if (!walked.has(fileURLToPath(entry.uri))) entries.delete(uri);
    }
    return false;
  }

  return {
    setFolders(paths) {
      folders = [...paths];
      entries.clear();
      queue = [];
      startWalk();
    },
    setWatching(value) {
      watching = value;
    },
    fileChanged(uri, change) {
      if (!uri.startsWith('file:')) return;
      const file = fileURLToPath(uri);
      if (!file.endsWith('.trial') || !inFolders(file)) return;
      entries.delete(uri);
      queue = queue.filter((work) => work.kind !== 'read' || work.file !== file);
      if (change !== 'deleted') queue.push({ kind: 'read', file });
    },
    symbols(query, isOpen, deadline) {
      // Without file events, every request walks again (listing folders, reading only what changed).
      if (!watching && !walking && queue.length === 0) startWalk();
      work(deadline);
      const results: WorkspaceSymbol[] = [];
      for (const entry of entries.values()) {
        if (isOpen(entry.uri)) continue;
        for (const symbol of entry.symbols) {
          if (!symbol.name.toLowerCase().includes(query)) continue;
          results.push({ name: symbol.name, kind: symbol.kind, containerName: symbol.containerName, location: { uri: entry.uri, range: symbol.range } });
        }
      }
      return results;
    },
    work,
  };
}

/**
 * The text of a regular file of at most MAX_WORKSPACE_FILE_BYTES, or undefined (with the reason
 * given to `refuse`). The type is checked on the path (following a link) before the file is
 * opened, and again on the open descriptor; O_NONBLOCK makes opening a FIFO that took the file's
 * place return at once instead of waiting for a writer.
 */
function readBounded(file: string, refuse: (reason: string) => void): { text: string; size: number; mtimeMs: number } | undefined {
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch (error) {
    refuse(`cannot be read (${errorCode(error)})`);
    return undefined;
  }
  if (!checkRegular(stats, refuse)) return undefined;
  let descriptor: number;
  try {
    descriptor = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    refuse(`cannot be opened (${errorCode(error)})`);
    return undefined;
  }
  try {
    const opened = fstatSync(descriptor);
    if (!checkRegular(opened, refuse)) return undefined;
    const bytes = Buffer.allocUnsafe(Math.min(opened.size, MAX_WORKSPACE_FILE_BYTES) + 1);
    let length = 0;
    for (let count = 1; count > 0 && length < bytes.length; length += count) count = readSync(descriptor, bytes, length, bytes.length - length, null);
    if (length > MAX_WORKSPACE_FILE_BYTES) {
      refuse(`grew over ${MAX_WORKSPACE_FILE_BYTES} bytes while being read`);
      return undefined;
    }
    return { text: bytes.subarray(0, length).toString('utf8'), size: opened.size, mtimeMs: opened.mtimeMs };
  } catch (error) {
    refuse(`cannot be read (${errorCode(error)})`);
    return undefined;
  } finally {
    closeSync(descriptor);
  }
}

function checkRegular(stats: Stats, refuse: (reason: string) => void): boolean {
  if (!stats.isFile()) {
    refuse(
      `is ${stats.isFIFO() ? 'a FIFO' : stats.isDirectory() ? 'a directory' : stats.isSocket() ? 'a socket' : 'a device or other special file'}, not a file`,
    );
    return false;
  }
  if (stats.size > MAX_WORKSPACE_FILE_BYTES) {
    refuse(`is ${stats.size} bytes, over the ${MAX_WORKSPACE_FILE_BYTES}-byte limit for workspace symbols`);
    return false;
  }
  return true;
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? String((error as Error | undefined)?.message ?? error);
}
