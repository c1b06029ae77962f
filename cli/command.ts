import { parseArgs } from 'node:util';

/** One option of a command, as `--help` shows it and `parseArgs` reads it. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  /** Shown in --help; for string options also the value used when the option is absent. */
  default?: string | boolean;
  /** Placeholder for the value in --help (`--port <n>`). */
  value?: string;
  multiple?: boolean;
  short?: string;
  /** Environment variable read when the option is absent. */
  env?: string;
}

export interface ParsedCommand {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal (progress bars go there only then). */
  isTTY: boolean;
}

export interface Command {
  name: string;
  summary: string;
  /** e.g. `bulkmock serve [options]` */
  usage: string;
  /** Paragraphs after the usage line: what the command does, examples. */
  details?: string;
  options: Record<string, OptionSpec>;
  /** Positional arguments the command takes, or false for none. */
  positionals?: boolean;
  run(parsed: ParsedCommand, output: Output): Promise<number>;
}

/** A mistake in how the command was called: printed as one line, exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const helpOption: OptionSpec = { type: 'boolean', short: 'h', description: 'Show this help and exit.' };

export function parseCommand(command: Command, argv: string[], env: NodeJS.ProcessEnv = process.env): ParsedCommand {
  const options = { ...command.options, help: helpOption };
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: command.positionals ?? false,
      strict: true,
      options: Object.fromEntries(
        Object.entries(options).map(([name, spec]) => [
          name,
          { type: spec.type, ...(spec.multiple && { multiple: true }), ...(spec.short && { short: spec.short }) },
        ]),
      ),
    });
  } catch (error) {
    throw new UsageError(
      (error as Error).message.replace(/\. To specify a positional argument.*$/s, '').split('\n')[0]!,
    );
  }
  const values = parsed.values as ParsedCommand['values'];
  for (const [name, spec] of Object.entries(command.options)) {
    if (values[name] !== undefined) continue;
    const fromEnv = spec.env ? env[spec.env] : undefined;
    if (fromEnv !== undefined && fromEnv !== '')
      values[name] = spec.type === 'boolean' ? fromEnv === 'true' || fromEnv === '1' : fromEnv;
    else if (spec.multiple) values[name] = [];
    else if (spec.default !== undefined) values[name] = spec.default;
  }
  return { values, positionals: parsed.positionals };
}

export function formatHelp(command: Command): string {
  const options = { ...command.options, help: helpOption };
  const rows = Object.entries(options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.type === 'string' ? ` <${spec.value ?? 'value'}>` : ''}`;
    const notes = [
      spec.multiple ? 'repeatable' : null,
      spec.default !== undefined && spec.default !== false && spec.default !== ''
        ? `default: ${String(spec.default)}`
        : null,
      spec.env ? `env: ${spec.env}` : null,
    ].filter(Boolean);
    return [flag, `${spec.description}${notes.length ? ` (${notes.join('; ')})` : ''}`] as const;
  });
  const width = Math.min(34, Math.max(...rows.map(([flag]) => flag.length)) + 2);
  const lines = rows.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`);
  return [
    `Usage: ${command.usage}`,
    '',
    command.summary,
    ...(command.details ? ['', command.details.trimEnd()] : []),
    '',
    'Options:',
    ...lines,
    '',
  ].join('\n');
}

/** Reads an integer option, or throws a UsageError naming the option and the accepted range. */
export function integerOption(name: string, value: unknown, min: number, max: number): number {
  const text = String(value);
  if (!/^-?\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return Number(text);
}

/** Reads a number option in a range, or throws a UsageError. */
export function numberOption(name: string, value: unknown, min: number, max: number): number {
  const text = String(value);
  const number = Number(text);
  if (text.trim() === '' || !Number.isFinite(number) || number < min || number > max) {
    throw new UsageError(`--${name} must be a number from ${min} to ${max}, got "${text}"`);
  }
  return number;
}

/** Reads a string option given at most once: undefined when absent. */
export function stringOption(name: string, value: ParsedCommand['values'][string]): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw new UsageError(`--${name} takes one value`);
}

/** Reads an option that must be one of a list, or throws a UsageError listing the choices. */
export function choiceOption<T extends string>(name: string, value: unknown, choices: readonly T[]): T {
  if (!choices.includes(value as T))
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got "${String(value)}"`);
  return value as T;
}

/** Reads a size such as 50mb, 512kb or 1048576 (bytes). */
export function sizeOption(name: string, value: unknown): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?$/i.exec(String(value).trim());
  if (!match) throw new UsageError(`--${name} must be a size such as 50mb, 512kb or 1048576, got "${String(value)}"`);
  const unit = (match[2] ?? 'b').toLowerCase()[0]!;
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  const bytes = Math.floor(Number(match[1]) * factor);
  if (bytes < 1) throw new UsageError(`--${name} must be at least 1 byte`);
  return bytes;
}
