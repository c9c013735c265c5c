/**
 * The few colours the text renderer uses. Injected rather than detected: the CLI decides from
 * NO_COLOR and the TTY, and `render/` never looks at the environment.
 */

/** A way to colour a span of text. */
export type Paint = (text: string) => string;

/** The colours of the text output, by meaning. */
export interface Palette {
  /** Passing checks. */
  readonly green: Paint;
  /** Changes and warnings. */
  readonly yellow: Paint;
  /** Failures, blocked instances and errors. */
  readonly red: Paint;
  /** Details a reviewer can skip: notes, bases, hints. */
  readonly dim: Paint;
  /** The verdict. */
  readonly bold: Paint;
}

const identity: Paint = (text) => text;

function sgr(open: number, close: number): Paint {
  // An empty span stays empty so that uncoloured and coloured output have the same line shapes.
  return (text) => (text === '' ? '' : `\u001b[${open}m${text}\u001b[${close}m`);
}

/** No colour at all: output without a single escape code. */
export const PLAIN_PALETTE: Palette = { green: identity, yellow: identity, red: identity, dim: identity, bold: identity };

/** ANSI SGR colours. */
export const ANSI_PALETTE: Palette = {
  green: sgr(32, 39),
  yellow: sgr(33, 39),
  red: sgr(31, 39),
  dim: sgr(2, 22),
  bold: sgr(1, 22),
};
