import { parseConfig, type CpcConfig } from '../../cpc/config';
import { resolveGeometry } from '../../cpc/geometry';
import { CommandRejected } from './run';

/** The config arrives over postMessage: re-validate it rather than trust the sender's types. */
export function validConfig(raw: CpcConfig): CpcConfig {
  const { config, issues } = parseConfig(raw);
  if (issues.length > 0) {
    throw new CommandRejected(`Invalid config: ${issues.map((i) => `${i.key} (${i.reason})`).join(', ')}.`);
  }
  const { errors } = resolveGeometry(config);
  if (errors.length > 0) throw new CommandRejected(`Invalid config: ${errors.join(' ')}`);
  return config;
}
