/**
 * The command line of every script: node:util's parseArgs (strict, so an unknown or misspelt option
 * fails instead of measuring the default), plus the few conversions they share.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `argv` strictly: every option must be declared, no positional arguments. */
export function parseCommandLine<const O extends Options>(argv: readonly string[], options: O) {
  return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
}

/** A number ≥ `min` (default 0), or `fallback` when the option is absent. */
export function numberOption(raw: string | undefined, name: string, fallback: number, min = 0): number {
  if (raw === undefined) return fallback;
  const parsed = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(parsed) || parsed < min)
    throw new Error(`--${name}: not a number ≥ ${min}: ${raw}`);
  return parsed;
}

/** A comma-separated list checked against `allowed`; null when the option is absent. */
export function listOption<T extends string>(
  raw: string | undefined,
  allowed: readonly T[],
  name: string,
): T[] | null {
  if (raw === undefined) return null;
  const items = raw.split(',').map((item) => item.trim());
  const bad = items.find((item) => !(allowed as readonly string[]).includes(item));
  if (bad !== undefined) throw new Error(`--${name}: unknown '${bad}' (one of ${allowed.join(', ')})`);
  return items as T[];
}

/** `WxH`, each side a whole number ≥ 1; `fallback` when the option is absent. */
export function sizeOption(
  raw: string | undefined,
  name: string,
  fallback: [number, number],
): [number, number] {
  if (raw === undefined) return fallback;
  const sides = raw.split('x');
  if (sides.length !== 2 || !sides.every((side) => /^\d+$/.test(side) && Number(side) >= 1))
    throw new Error(`--${name}: not a size WxH: ${raw}`);
  return [Number(sides[0]), Number(sides[1])];
}
