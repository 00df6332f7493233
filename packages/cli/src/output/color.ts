// Colours through Node's own util.styleText, shown by Node's own rule (a TTY with colours; NO_COLOR,
// NODE_DISABLE_COLORS and FORCE_COLOR honoured), applied to the run's environment (terminal-text.ts
// showsColors), so no colour library is needed. Renderers only mark what is painted (terminal-text.ts's
// `paint`); the colour is chosen where the text is written, for the stream it goes to. One format per call.

/** A text style of the output. */
export type Format = 'red' | 'green' | 'yellow' | 'cyan' | 'dim' | 'bold';
/** Styles a text for its stream: with colours where the stream shows them, else unchanged. */
export type Paint = (format: Format, text: string) => string;

const IN_PROGRESS = new Set(['protecting', 'restoring']);
const FAILED = new Set(['error', 'deleted', 'deleting', 'error-deleting', 'removing']);

/** Paints a restore point's or a resource's status: green when available, yellow on the way, red when lost. */
export function paintStatus(paint: Paint, status: string | undefined): string {
  const text = status ?? 'unknown';
  if (text === 'available') return paint('green', text);
  if (IN_PROGRESS.has(text)) return paint('yellow', text);
  if (FAILED.has(text)) return paint('red', text);
  return text;
}
