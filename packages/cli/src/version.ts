// The package's version, written in at build time (tsup `define`), so `cbr --version` reads no file.
declare const __CLI_VERSION__: string;

/** The version of `@cbr-sdk/cli`, as `cbr --version` prints it. */
export const CLI_VERSION: string = __CLI_VERSION__;
