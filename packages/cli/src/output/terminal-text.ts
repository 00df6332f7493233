// The one way text reaches a terminal (stdout or stderr, summary, progress, errors, usage lines): strings
// from the server (a restore point's name, an error message) may hold control characters that would set
// the window title, clear the screen or rewrite a line. They are shown escaped (`\x1b`); only the line
// breaks cbr writes stay. cbr's own colours survive because painting only marks text, with a marker made
// at start that no server string can know, and the colour is put in here, after the escaping.
import { randomUUID } from 'node:crypto';
import { styleText } from 'node:util';
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

/**
 * The text as it may be written to this stream: control characters escaped, then the marked parts painted
 * (util.styleText decides from the stream, NO_COLOR and FORCE_COLOR whether colours are shown).
 */
export function forTerminal(text: string, stream: NodeJS.WritableStream): string {
  return escapeControlCharacters(text).replace(PAINTED, (_all, format: string, inner: string) =>
    styleText(format as Format, inner, { stream }),
  );
}

/** Writes text through {@link forTerminal}. */
export function writeText(stream: NodeJS.WritableStream, text: string): void {
  stream.write(forTerminal(text, stream));
}
