/**
 * The command line's grammar as data: each command's options in one table, from which both the
 * parsing (node:util `parseArgs`) and the help text are made, so that the two cannot drift apart.
 */

import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A problem with the command line or its input: reported in one line, exit 2. */
export class UsageError extends Error {}

/** One option of a command, as the help shows it and the parser reads it. */
export interface OptionSpec {
  /** The long name, without its dashes. */
  readonly name: string;
  readonly type: 'string' | 'boolean';
  /** A one-letter alias, without its dash. */
  readonly short?: string;
  /** May be given more than once; every value is kept, in order. */
  readonly multiple?: boolean;
  /** How the value is written in the help (`text|json`, `N`, `CODE=SEVERITY`). */
  readonly valueName?: string;
  /** The values allowed, when they are a fixed set; anything else is a usage error. */
  readonly choices?: readonly string[];
  readonly description: string;
}

/** One command: what it takes, what it does, and its option table. */
export interface CommandSpec {
  readonly name: string;
  /** What follows the command name in a usage line (`FILE|DIR|-...`). */
  readonly synopsis: string;
  /** One line for `trial --help`. */
  readonly summary: string;
  /** The paragraphs of `trial <command> --help`, before the options. */
  readonly description: readonly string[];
  readonly options: readonly OptionSpec[];
}

/** A command's arguments once read against its option table. */
export interface ParsedCommandLine {
  /** The arguments that are not options (files, directories, `-`), in order. */
  readonly operands: readonly string[];
  /** The value of each string option given once or more (the last one wins). */
  readonly strings: ReadonlyMap<string, string>;
  /** Every value of each repeatable option, in order. */
  readonly lists: ReadonlyMap<string, readonly string[]>;
  /** The boolean options given. */
  readonly flags: ReadonlySet<string>;
}

const HELP_OPTION: OptionSpec = { name: 'help', type: 'boolean', short: 'h', description: 'Print this help and exit.' };

/** The help text's width: a terminal's traditional 80 columns. */
const HELP_WIDTH = 80;

/** A command's options as the help lists them: its own table, then --help. */
function commandOptions(command: CommandSpec): readonly OptionSpec[] {
  return [...command.options, HELP_OPTION];
}

/** Reads a command's arguments against its option table; a usage error names the first problem, or `flags` holds `help`. */
export function parseCommandLine(command: CommandSpec, args: readonly string[]): ParsedCommandLine {
  const options = commandOptions(command);
  const config: NonNullable<ParseArgsConfig['options']> = {};
  // parseArgs validates the keys present, so an absent short or multiple is left out, not undefined.
  for (const option of options) {
    config[option.name] = { type: option.type, ...(option.short ? { short: option.short } : {}), ...(option.multiple ? { multiple: true } : {}) };
  }
  // Not strict: parseArgs then returns tokens for unknown options and missing values instead of
  // throwing its own multi-part messages, and each problem gets one line that names the command.
  const { tokens } = parseArgs({ args: [...args], options: config, strict: false, allowPositionals: true, tokens: true });
  const operands: string[] = [];
  const strings = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const flags = new Set<string>();
  // --help wins over any other mistake on the line: asking how to write it is the cure.
  if (tokens.some((token) => token.kind === 'option' && token.name === 'help')) return { operands, strings, lists, flags: new Set(['help']) };
  const hint = `try \`trial ${command.name} --help\``;
  for (const token of tokens) {
    if (token.kind === 'positional') operands.push(token.value);
    if (token.kind !== 'option') continue;
    // A known short option comes back under its long name; an unknown one under its letter, which no long name is.
    const option = options.find((candidate) => candidate.name === token.name);
    if (!option) throw new UsageError(`unknown option '${token.rawName}' for ${command.name}; ${hint}`);
    const named = `--${option.name}`;
    if (option.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${named} takes no value; ${hint}`);
      flags.add(option.name);
      continue;
    }
    if (token.value === undefined) throw new UsageError(`${named} needs a value (${option.valueName ?? 'a value'}); ${hint}`);
    if (option.choices && !option.choices.includes(token.value)) {
      throw new UsageError(`${named} must be ${wordList(option.choices)}, not '${token.value}'`);
    }
    if (option.multiple) lists.set(option.name, [...(lists.get(option.name) ?? []), token.value]);
    else strings.set(option.name, token.value);
  }
  return { operands, strings, lists, flags };
}

/** `a`, `a or b`, `a, b or c`. */
export function wordList(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** `trial check FILE|DIR|-... [options]`. */
function usageLine(command: CommandSpec): string {
  return `trial ${command.name} ${command.synopsis} [options]`;
}

/** The text of `trial <command> --help`: usage, description, and the option table. */
export function commandHelp(command: CommandSpec): string {
  const options = commandOptions(command);
  const left = options.map((option) => {
    const short = option.short ? `-${option.short}, ` : '    ';
    const value = option.type === 'string' ? ` ${option.valueName ?? 'VALUE'}` : '';
    return `  ${short}--${option.name}${value}`;
  });
  const column = Math.max(...left.map((text) => text.length)) + 2;
  const rows = options.map((option, i) => {
    const description = option.multiple ? `${option.description} Repeatable.` : option.description;
    return hangingIndent(left[i].padEnd(column), description, column);
  });
  return [`Usage: ${usageLine(command)}`, '', ...command.description.map((paragraph) => wrap(paragraph, 0) + '\n'), 'Options:', ...rows, ''].join('\n');
}

/** The text of `trial --help`: the usage of each command, its one-line summary, and the exit codes. */
export function overviewHelp(commands: readonly CommandSpec[], exitCodes: readonly (readonly [number, string])[]): string {
  const column = Math.max(...commands.map((command) => command.name.length)) + 4;
  return [
    'Usage:',
    ...commands.map((command) => `  ${usageLine(command)}`),
    '  trial --help | --version',
    '',
    'Commands:',
    ...commands.map((command) => hangingIndent(`  ${command.name}`.padEnd(column), command.summary, column)),
    '',
    wrap('`trial <command> --help` lists the options of a command. A FILE of `-` is standard input.', 0),
    '',
    'Exit codes:',
    ...exitCodes.map(([code, meaning]) => hangingIndent(`  ${code}  `, meaning, 5)),
    '',
  ].join('\n');
}

/** `first` followed by `text` wrapped to the help width, continuation lines indented by `indent`. */
function hangingIndent(first: string, text: string, indent: number): string {
  const lines = wrapWords(text, HELP_WIDTH - indent);
  return [first + (lines[0] ?? ''), ...lines.slice(1).map((line) => ' '.repeat(indent) + line)].join('\n');
}

/** A paragraph wrapped to the help width, every line indented by `indent`. */
function wrap(text: string, indent: number): string {
  return wrapWords(text, HELP_WIDTH - indent)
    .map((line) => ' '.repeat(indent) + line)
    .join('\n');
}

function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
