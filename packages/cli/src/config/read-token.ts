// --token-stdin: the token comes from standard input (as `docker login --password-stdin` does), never from a
// flag, where it would land in shell history and in `ps`. The token itself is never part of a message.
import type { InputStream } from '../io/cli-io.js';
import { CliUsageError } from '../usage-error.js';

/** Reads the IAM token piped to standard input (trimmed); a terminal or an empty input is a usage error. */
export async function readTokenFromStdin(stdin: InputStream): Promise<string> {
  if (stdin.isTTY) {
    throw new CliUsageError(
      '--token-stdin: standard input is a terminal; pipe the token in, e.g. printf %s "$TOKEN" | cbr --token-stdin …',
      'cbr.tokenStdinTerminal',
    );
  }
  let text = '';
  stdin.setEncoding('utf8');
  for await (const chunk of stdin) text += chunk;
  const token = text.trim();
  if (token === '') {
    throw new CliUsageError('--token-stdin: standard input was empty (no token)', 'cbr.tokenStdinEmpty');
  }
  // A header value cannot hold a line break or a control character; say so without echoing the input.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused here
  if (/[\s\u0000-\u001f\u007f]/.test(token)) {
    throw new CliUsageError(
      '--token-stdin: the token on standard input has a space, a line break or a control character inside it',
      'cbr.tokenStdinInvalid',
    );
  }
  return token;
}
