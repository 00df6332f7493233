// The options each command receives from commander (`command.optsWithGlobals()`), as typed values.

/** Options every command takes (declared on the program, usable before or after the command's name). */
export interface GlobalOptions {
  region?: string;
  endpoint?: string;
  projectId?: string;
  /** Per HTTP request, in milliseconds. */
  timeout?: number;
  verbose?: boolean;
  tokenStdin?: boolean;
}

export interface OutputOptions {
  json?: boolean;
}

export interface WaitFlags {
  waitForResources?: boolean;
  /** In milliseconds. */
  waitTimeout?: number;
}

export interface CreateOptions extends GlobalOptions, OutputOptions, WaitFlags {
  vault: string;
  resource?: string[];
  name?: string;
  description?: string;
  /** false only when --no-incremental was given (commander's default for a lone negation is true). */
  incremental: boolean;
  autoTrigger?: boolean;
  /** Days to keep the backups (`retention_duration_days`), -1 for ever. */
  retention?: number;
  wait?: boolean;
}

export type GetOptions = GlobalOptions & OutputOptions;

export type WaitOptions = GlobalOptions & OutputOptions & WaitFlags;

export interface BackupListOptions extends GlobalOptions, OutputOptions {
  checkpoint?: string;
  vault?: string;
  name?: string;
  resource?: string;
  /** Any of these statuses (repeatable). */
  status?: string[];
}

export interface BackupDeleteOptions extends GlobalOptions, OutputOptions {
  wait?: boolean;
  /** In milliseconds. */
  waitTimeout?: number;
}

export interface PruneOptions extends GlobalOptions, OutputOptions {
  vault: string;
  namePrefix: string;
  keep: number;
  /** Delete; without it, only the plan is shown. */
  yes?: boolean;
  wait?: boolean;
  /** In milliseconds. */
  waitTimeout?: number;
}
