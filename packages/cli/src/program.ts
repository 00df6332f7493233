// The command line of `cbr`: commands, options and help, declared with commander. Each command's code is
// imported only when it runs, so `--help` and `--version` load commander alone.
import { Argument, Command, Option } from 'commander';
import { EXIT_CODES_HELP } from './exit-codes.js';
import type { CliIo, Environment, OutputStream } from './io/cli-io.js';
import type {
  BackupDeleteOptions,
  BackupListOptions,
  CreateOptions,
  GetOptions,
  PruneOptions,
  WaitOptions,
} from './options/command-options.js';
import { parseCount } from './options/count.js';
import { parseDuration } from './options/duration.js';
import { nonEmpty } from './options/non-empty.js';
import { parseRetention } from './options/retention.js';
import { CLI_VERSION } from './version.js';

const collect = (value: string, previous: string[] = []) => [...previous, nonEmpty(value)];

/** An option that takes a text: an empty one is a usage error naming the flag (not a silent fallback). */
const textOption = (flags: string, description: string) => new Option(flags, description).argParser(nonEmpty);

/** The restore point a command works on: an empty id is a usage error naming the argument. */
const checkpointIdArgument = (description: string) => new Argument('<checkpoint-id>', description).argParser(nonEmpty);

const ENVIRONMENT_HELP = `Configuration (flags win over the environment):
  HUAWEICLOUD_SDK_REGION or CBR_ENDPOINT       where to send requests (--region, --endpoint)
  HUAWEICLOUD_SDK_PROJECT_ID                   the project (--project-id); found from the region
                                               when not given, except with a bare token
  credentials, one of:
    HUAWEICLOUD_SDK_AK + HUAWEICLOUD_SDK_SK    an access key pair (+ HUAWEICLOUD_SDK_SECURITY_TOKEN)
    HUAWEICLOUD_SDK_DOMAIN_NAME + HUAWEICLOUD_SDK_USER_NAME + HUAWEICLOUD_SDK_PASSWORD
                                               an IAM user (the token is obtained from IAM)
    HUAWEICLOUD_SDK_TOKEN                      an IAM token (or --token-stdin)
    HUAWEICLOUD_SDK_IDP_ID + HUAWEICLOUD_SDK_ID_TOKEN_FILE
                                               OIDC federation (in GitHub Actions with id-token: write,
                                               the IdP alone, + HUAWEICLOUD_SDK_ID_TOKEN_AUDIENCE)
  none of these: the credentials file (HUAWEICLOUD_SDK_CREDENTIALS_FILE or ~/.huaweicloud/credentials),
  then CCE pod identity (HC_CONTAINER_CREDENTIALS_FULL_URI), then the ECS metadata service (an agency)
  HUAWEICLOUD_SDK_IAM_ENDPOINT                 IAM, when not https://iam.<region>.myhuaweicloud.com
These are the variables of CbrClient.fromEnv() in @cbr-sdk/checkpoint (its default credential chain).
Secrets are never taken as flags: they would land in shell history and in \`ps\`.`;

const WAIT_HELP =
  'Waiting polls with growing pauses (2 s up to 30 s; --poll-interval sets the first) until the restore point is available.';

function waitTimeoutOption(): Option {
  return new Option('--wait-timeout <duration>', 'give up waiting after this long (default 30m)').argParser(
    parseDuration,
  );
}

function pollIntervalOption(): Option {
  return new Option(
    '--poll-interval <duration>',
    'the first pause between polls (default 2s); each next one is half as long again, up to 30s (or up to the first, when longer)',
  ).argParser(parseDuration);
}

function waitForResourcesOption(): Option {
  return new Option('--wait-for-resources', "also wait until every resource's protect_status is available");
}

const jsonOption = () =>
  new Option('--json', 'print the restore point as one JSON document (as the API returned it) on stdout');

/** How the program is built. */
export interface ProgramSettings {
  /** --json is on the command line: errors are JSON documents, so no help text goes to stderr on a usage error. */
  json: boolean;
  /** Where the run writes (help, version), and the environment its commands read. */
  io: CliIo;
}

/** Commander's own test for colours in help (NO_COLOR, FORCE_COLOR, CLICOLOR_FORCE), on the run's environment. */
function helpColorsForced(env: Environment): boolean | undefined {
  if (env.NO_COLOR || env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
  if (env.FORCE_COLOR || env.CLICOLOR_FORCE !== undefined) return true;
  return undefined;
}

/** Commander's default output settings, on the run's streams and environment rather than the process's. */
function commanderOutput(io: CliIo, json: boolean) {
  // As commander's default: a terminal's width, else undefined (80 columns); its types say number only.
  const width = (stream: OutputStream) => (stream.isTTY ? stream.columns : undefined) as number;
  const hasColors = (stream: OutputStream) =>
    helpColorsForced(io.env) ?? Boolean(stream.isTTY && stream.hasColors?.(io.env));
  return {
    writeOut: (text: string) => io.stdout.write(text),
    // With --json, nothing but the JSON error goes to stderr (main writes it).
    writeErr: json ? () => {} : (text: string) => io.stderr.write(text),
    outputError: () => {},
    getOutHelpWidth: () => width(io.stdout),
    getErrHelpWidth: () => width(io.stderr),
    getOutHasColors: () => hasColors(io.stdout),
    getErrHasColors: () => hasColors(io.stderr),
  };
}

/** Builds the program. Commander's own error lines are left to the caller (main), which knows about --json. */
export function buildProgram(settings: ProgramSettings): Command {
  const { io } = settings;
  const program = new Command('cbr')
    .configureOutput(commanderOutput(io, settings.json))
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .description('Create Huawei Cloud CBR restore points and wait until they are available.')
    .version(CLI_VERSION, '-V, --version', 'print the version of cbr')
    .helpOption('-h, --help', 'show help for a command')
    .addOption(textOption('--region <region>', 'Huawei Cloud region, e.g. cn-north-4'))
    .addOption(textOption('--endpoint <url>', 'CBR endpoint URL (wins over --region), e.g. a private endpoint'))
    .addOption(textOption('--project-id <id>', 'project ID'))
    .addOption(
      new Option('--timeout <duration>', 'timeout of each HTTP request (default 30s)').argParser(parseDuration),
    )
    .addOption(new Option('--token-stdin', 'read an IAM token from standard input'))
    // Also before the command (`cbr --json checkpoint get …`); each command lists it in its own help.
    .addOption(jsonOption().hideHelp())
    .addOption(
      new Option(
        '--verbose',
        'print one line per HTTP request on stderr (operation, status, duration, request id; never a header)',
      ),
    )
    .addHelpText(
      'after',
      `
Examples:
  $ cbr checkpoint create --vault 3b5816b5-f29c-4172-9d9a-76c719a659ce --name before-deploy --wait
  $ cbr checkpoint create --vault "$VAULT_ID" --wait --json | jq -r .id
  $ cbr checkpoint get 8b0851a8-adf3-4f4c-a914-dead08bf9664 --json
  $ printf %s "$TOKEN" | cbr --token-stdin checkpoint wait "$ID" --wait-timeout 15m

${ENVIRONMENT_HELP}

Durations: 90s, 15m, 1h, 500ms, or milliseconds as a bare number.

${EXIT_CODES_HELP}`,
    );

  const checkpoint = program
    .command('checkpoint')
    .description('restore points: create one, read one, wait for one, prune old ones')
    .addHelpText(
      'after',
      `
Examples:
  $ cbr checkpoint create --vault 3b5816b5-f29c-4172-9d9a-76c719a659ce --wait
  $ cbr checkpoint get 8b0851a8-adf3-4f4c-a914-dead08bf9664
  $ cbr checkpoint wait 8b0851a8-adf3-4f4c-a914-dead08bf9664 --wait-timeout 1h
  $ cbr checkpoint prune --vault 3b5816b5-f29c-4172-9d9a-76c719a659ce --name-prefix before-deploy- --keep 5

${EXIT_CODES_HELP}`,
    );

  checkpoint
    .command('create')
    .description('back up a vault: create a restore point (and wait until it is available with --wait)')
    .addOption(textOption('--vault <vault-id>', 'the vault to back up').makeOptionMandatory())
    .option('--resource <id>', 'a resource of the vault to back up (repeatable; default: the whole vault)', collect)
    .addOption(textOption('--name <name>', 'name of the restore point (1 to 64 characters)'))
    // The spec allows an empty description (minLength 0), so '' is passed on, unlike every other text flag.
    .addOption(new Option('--description <text>', 'description (at most 255 characters; may be empty)'))
    .option('--no-incremental', 'take a full backup instead of an incremental one')
    .option('--auto-trigger', 'mark the backup as automatically triggered')
    .addOption(
      new Option(
        '--retention <days>',
        'keep the backups this many days (1 to 36500), then the service deletes them; forever or -1 keeps them (the default). Not with --auto-trigger; not in every region',
      ).argParser(parseRetention),
    )
    .option('--wait', 'wait until the restore point is available, then list its backups')
    .addOption(waitForResourcesOption().implies({ wait: true }))
    .addOption(waitTimeoutOption().implies({ wait: true }))
    .addOption(pollIntervalOption().implies({ wait: true }))
    .addOption(jsonOption())
    .addHelpText(
      'after',
      `
--wait-for-resources, --wait-timeout and --poll-interval imply --wait. ${WAIT_HELP}
With --wait, a live status line on a terminal; one timestamped line per status change in CI logs (stderr).

Examples:
  $ cbr checkpoint create --vault 3b5816b5-f29c-4172-9d9a-76c719a659ce --name nightly
  $ cbr checkpoint create --vault "$VAULT_ID" --resource "$SERVER_ID" --name before-deploy --wait --wait-timeout 20m
  $ cbr checkpoint create --vault "$VAULT_ID" --name before-deploy --retention 7 --wait
  $ ID=$(cbr checkpoint create --vault "$VAULT_ID" --wait --json | jq -r .id)
  $ cbr checkpoint create --vault "$VAULT_ID" --wait --json | jq -r '.backups[].id'

${EXIT_CODES_HELP}`,
    )
    .action(async (_options: unknown, command: Command) => {
      const { createCommand } = await import('./commands/create.js');
      io.exitCode = await createCommand(io, command.optsWithGlobals<CreateOptions>());
    });

  checkpoint
    .command('get')
    .description('read a restore point')
    .addArgument(checkpointIdArgument('the restore point to read'))
    .addOption(jsonOption())
    .addHelpText(
      'after',
      `
Examples:
  $ cbr checkpoint get 8b0851a8-adf3-4f4c-a914-dead08bf9664
  $ cbr checkpoint get "$ID" --json | jq -r .status

${EXIT_CODES_HELP}`,
    )
    .action(async (checkpointId: string, _options: unknown, command: Command) => {
      const { getCommand } = await import('./commands/get.js');
      io.exitCode = await getCommand(io, checkpointId, command.optsWithGlobals<GetOptions>());
    });

  checkpoint
    .command('wait')
    .description('wait until a restore point is available')
    .addArgument(checkpointIdArgument('the restore point to wait for'))
    .addOption(waitTimeoutOption())
    .addOption(pollIntervalOption())
    .addOption(waitForResourcesOption())
    .addOption(jsonOption())
    .addHelpText(
      'after',
      `
${WAIT_HELP}

Examples:
  $ cbr checkpoint wait 8b0851a8-adf3-4f4c-a914-dead08bf9664
  $ cbr checkpoint wait "$ID" --wait-timeout 1h --wait-for-resources --json > restore-point.json

${EXIT_CODES_HELP}`,
    )
    .action(async (checkpointId: string, _options: unknown, command: Command) => {
      const { waitCommand } = await import('./commands/wait.js');
      io.exitCode = await waitCommand(io, checkpointId, command.optsWithGlobals<WaitOptions>());
    });

  checkpoint
    .command('prune')
    .description('keep the newest restore points of a name prefix, delete the backups of the others')
    .addOption(textOption('--vault <vault-id>', 'the vault to prune').makeOptionMandatory())
    .addOption(
      textOption(
        '--name-prefix <prefix>',
        'only manual restore points whose name starts with this',
      ).makeOptionMandatory(),
    )
    .addOption(
      new Option('--keep <n>', 'how many of them to keep, newest first').argParser(parseCount).makeOptionMandatory(),
    )
    .option('--yes', 'delete; without it, only the plan is printed')
    .option('--wait', 'wait until the deleted backups are gone (their space is free)')
    .addOption(waitTimeoutOption().implies({ wait: true }))
    .addOption(pollIntervalOption().implies({ wait: true }))
    .addOption(new Option('--json', 'print the plan (and what was deleted) as one JSON document on stdout'))
    .addHelpText(
      'after',
      `
Kept: the newest <n> restore points of the prefix whose backups are all available. Deleted: the backups
(available or error) of the other restore points of the prefix. Never touched: automatic backups, other
names, other vaults, backups busy (protecting, restoring, deleting, …).
Without --yes nothing is deleted: the plan is printed (exit 0). A failure part-way names the backups
deleted and not deleted (exit 1).

Examples:
  $ cbr checkpoint prune --vault "$VAULT_ID" --name-prefix before-deploy- --keep 5
  $ cbr checkpoint prune --vault "$VAULT_ID" --name-prefix before-deploy- --keep 5 --yes --wait

${EXIT_CODES_HELP}`,
    )
    .action(async (_options: unknown, command: Command) => {
      const { pruneCommand } = await import('./commands/prune.js');
      io.exitCode = await pruneCommand(io, command.optsWithGlobals<PruneOptions>());
    });

  const backup = program
    .command('backup')
    .description("backups: a restore point's backups (one per resource), list them, delete them")
    .addHelpText(
      'after',
      `
Examples:
  $ cbr backup list --checkpoint 8b0851a8-adf3-4f4c-a914-dead08bf9664
  $ cbr backup delete 6df2b54c-dd62-4059-a07c-1b8f24f2725d --wait

${EXIT_CODES_HELP}`,
    );

  backup
    .command('list')
    .description('list backups (every page), by restore point, vault, name, resource or status')
    .addOption(textOption('--checkpoint <checkpoint-id>', 'the backups of this restore point'))
    .addOption(textOption('--vault <vault-id>', 'the backups in this vault'))
    .addOption(textOption('--name <name>', 'the backups of this name'))
    .addOption(textOption('--resource <resource-id>', 'the backups of this resource'))
    .option('--status <status>', 'the backups in this status (repeatable: any of them)', collect)
    .addOption(new Option('--json', 'print {"backups": [...]} (as the API returned them) on stdout'))
    .addHelpText(
      'after',
      `
Examples:
  $ cbr backup list --checkpoint 8b0851a8-adf3-4f4c-a914-dead08bf9664
  $ cbr backup list --vault "$VAULT_ID" --status available --status error --json | jq -r '.backups[].id'

${EXIT_CODES_HELP}`,
    )
    .action(async (_options: unknown, command: Command) => {
      const { backupListCommand } = await import('./commands/backup-list.js');
      io.exitCode = await backupListCommand(io, command.optsWithGlobals<BackupListOptions>());
    });

  backup
    .command('delete')
    .description('delete backups (and wait until they are gone with --wait)')
    .addArgument(new Argument('<backup-id...>', 'the backups to delete').argParser(collect))
    .option('--wait', 'wait until the backups are gone')
    .addOption(waitTimeoutOption().implies({ wait: true }))
    .addOption(pollIntervalOption().implies({ wait: true }))
    .addOption(new Option('--json', 'print {"deleted": [...], "waited": …} on stdout'))
    .addHelpText(
      'after',
      `
A delete that fails part-way names the backups deleted and not deleted (exit 1).

Examples:
  $ cbr backup delete 6df2b54c-dd62-4059-a07c-1b8f24f2725d
  $ cbr backup list --checkpoint "$ID" --json | jq -r '.backups[].id' | xargs cbr backup delete --wait

${EXIT_CODES_HELP}`,
    )
    .action(async (ids: string[], _options: unknown, command: Command) => {
      const { backupDeleteCommand } = await import('./commands/backup-delete.js');
      io.exitCode = await backupDeleteCommand(io, ids, command.optsWithGlobals<BackupDeleteOptions>());
    });

  return program;
}
