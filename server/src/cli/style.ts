/**
 * Colour for the CLI's output, through node:util `styleText`, decided per stream as eslint,
 * prettier and tsc do: on for a terminal that has colours, off when piped or redirected, and
 * the environment overrides both (FORCE_COLOR first, then NO_COLOR), with Node's own reading
 * of those variables.
 */

import { styleText } from 'node:util';

/** A style `styleText` knows: a colour or a modifier. */
export type Style = Parameters<typeof styleText>[0];

/** Styles a text, or returns it as it is when the stream it goes to gets no colour. */
export type Paint = (style: Style, text: string) => string;

/** The part of a stream that tells whether it shows colour. */
export interface ColourTarget {
  readonly isTTY?: boolean;
  hasColors?(): boolean;
}

/** The painter for text written to `stream`. */
export function painterFor(stream: ColourTarget, env: NodeJS.ProcessEnv): Paint {
  if (!wantsColour(stream, env)) return (_style, text) => text;
  // The decision is ours (it follows the stream the text goes to, not always stdout), so styleText must not second-guess it.
  return (style, text) => styleText(style, text, { validateStream: false });
}

function wantsColour(stream: ColourTarget, env: NodeJS.ProcessEnv): boolean {
  // styleText came in Node 20.12; on an older Node 20 the output is plain.
  if (typeof styleText !== 'function') return false;
  // Node's reading: FORCE_COLOR empty, 1, 2, 3 or true forces colour; any other value (0, false) turns it off; it wins over NO_COLOR.
  const force = env.FORCE_COLOR;
  if (force !== undefined) return ['', '1', '2', '3', 'true'].includes(force);
  if (env.NO_COLOR !== undefined || env.NODE_DISABLE_COLORS !== undefined) return false;
  // hasColors() also reads TERM (dumb has none).
  return stream.isTTY === true && typeof stream.hasColors === 'function' && stream.hasColors();
}
