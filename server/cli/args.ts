// Flags first, then CLUSTER_LESSONS_* environment variables, then defaults.
import { parseArgs } from 'node:util';

export class UsageError extends Error {}

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

export function parse<T extends OptionSpec>(argv: readonly string[], options: T) {
  try {
    return parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: false,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The flag's value, else the environment variable's, else the fallback. */
export function setting(flag: unknown, envName: string, fallback: string): string;
export function setting(flag: unknown, envName: string, fallback?: undefined): string | undefined;
export function setting(flag: unknown, envName: string, fallback?: string): string | undefined {
  if (typeof flag === 'string') return flag;
  const env = process.env[envName];
  return env !== undefined && env !== '' ? env : fallback;
}

export function integer(
  value: string | undefined,
  name: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
}

export function required(value: string | undefined, name: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`${name} is required`);
  return value;
}
