import { formatHelp, parseCommand, UsageError, type Command, type Output } from './command.js';
import { commandLoaders } from './commands/index.js';
import { packageVersion } from './packageInfo.js';

const processOutput: Output = {
  out: (text) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  isTTY: Boolean(process.stderr.isTTY),
};

function topLevelHelp(commands: Array<Pick<Command, 'name' | 'summary'>>): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    'Usage: bulkmock <command> [options]',
    '',
    'Mock server, fixture generators and contract suite for the bulk-import APIs of learning platforms',
    '(Thought Industries, StackOne unified LMS, Learning Builder).',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Options:',
    "  -h, --help      Show this help, or a command's help with bulkmock <command> --help",
    '  -v, --version   Print the version',
    '',
  ].join('\n');
}

/** Runs the CLI; returns the exit status (0 ok, 1 failure, 2 usage error). */
export async function main(argv: string[], output: Output = processOutput): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-v') {
    output.out(packageVersion());
    return 0;
  }
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const commands = await Promise.all(Object.values(commandLoaders).map((load) => load()));
    output.out(topLevelHelp(commands));
    return first === undefined ? 2 : 0;
  }
  const load = commandLoaders[first];
  if (!load) {
    output.err(
      `bulkmock: unknown command "${first}" (commands: ${Object.keys(commandLoaders).join(', ')}); see bulkmock --help`,
    );
    return 2;
  }
  const command = await load();
  try {
    const parsed = parseCommand(command, rest);
    if (parsed.values.help) {
      output.out(formatHelp(command));
      return 0;
    }
    return await command.run(parsed, output);
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`bulkmock ${command.name}: ${error.message} (see bulkmock ${command.name} --help)`);
      return 2;
    }
    output.err(`bulkmock ${command.name}: ${(error as Error).message}`);
    return 1;
  }
}
