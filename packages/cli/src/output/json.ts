// JSON for stdout and stderr. JSON.stringify escapes the C0 control characters in strings but not DEL and
// the C1 ones (U+0080 to U+009F; U+009B starts an escape sequence on some terminals): those are escaped too,
// as \u00XX, which is the same JSON value. They can only occur inside strings, so the replacement is safe.
const UNESCAPED_CONTROL = /[\u007f-\u009f]/g;

/** `value` as JSON text (indented by `indent` spaces, or on one line), safe to show on a terminal. */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    UNESCAPED_CONTROL,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
