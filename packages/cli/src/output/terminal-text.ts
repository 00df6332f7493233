// The one way text reaches a terminal (stdout or stderr, summary, progress, errors, usage lines): strings
// from the server (a restore point's name, an error message) may hold control characters that would set
// the window title, clear the screen or rewrite a line. They are shown escaped (`\x1b`); only the line
// breaks cbr writes stay. cbr's own colours survive because painting only marks text, with a marker made
// at start that no server string can know, and the colour is put in here, after the escaping.
import { randomUUID } from 'node:crypto';
import { WriteStream } from 'node:tty';
import { styleText } from 'node:util';
import type { Environment, OutputStream } from '../io/cli-io.js';
import type { Format, Paint } from './color.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is escaped here
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
const NAMED: Record<string, string> = { '\t': '\\t', '\r': '\\r' };

/** `\x1b`, `\r`, `\t`, `\x9b`: a control character as text (C0 but the line break, DEL, C1). */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

const MARK = `\u{e000}${randomUUID()}`;
const OPEN = '\u{e001}';
const CLOSE = '\u{e002}';
const PAINTED = new RegExp(`${MARK}(\\w+)${OPEN}([\\s\\S]*?)${MARK}${CLOSE}`, 'g');

/** Marks text to be painted (red, bold, …) when it is written to a stream that shows colours. */
export const paint: Paint = (format, text) => `${MARK}${format}${OPEN}${text}${MARK}${CLOSE}`;

/** Node's colour depth for an environment (NO_COLOR, FORCE_COLOR, TERM, CI, …); it reads nothing else. */
const colorDepth = (env: Environment): number => WriteStream.prototype.getColorDepth(env);

/**
 * Whether colours are shown on this stream: Node's own decision (util.styleText's), made from the run's
 * environment rather than the process's: FORCE_COLOR decides alone, else a terminal with more than 2 colours.
 */
export function showsColors(stream: OutputStream, env: Environment): boolean {
  if (env.FORCE_COLOR !== undefined) return colorDepth(env) > 2;
  if (!stream.isTTY) return false;
  return typeof stream.getColorDepth === 'function' ? stream.getColorDepth(env) > 2 : true;
}

/**
 * The text as it may be written to this stream: control characters escaped, then the marked parts painted
 * when the stream shows colours in this environment ({@link showsColors}), else left plain.
 */
export function forTerminal(text: string, stream: OutputStream, env: Environment): string {
  // Decided at the first painted part only, as styleText did: Node may warn once when deciding (FORCE_COLOR
  // with NO_COLOR), and a text with nothing painted must not make it.
  let colors: boolean | undefined;
  return escapeControlCharacters(text).replace(PAINTED, (_all, format: string, inner: string) => {
    colors ??= showsColors(stream, env);
    return colors ? styleText(format as Format, inner, { validateStream: false }) : inner;
  });
}

/** Writes text through {@link forTerminal}. */
export function writeText(stream: OutputStream, text: string, env: Environment): void {
  stream.write(forTerminal(text, stream, env));
}
