import { CONFIG_KEYS, FIELDS, type CpcConfig } from '../../cpc/config';
import { formatControlValue } from '../model/fieldControls';

export interface ConfigDifference {
  key: keyof CpcConfig;
  /** The control's short name, e.g. "Normalisation". */
  label: string;
  /** The field's one-line explanation (FIELDS.doc). */
  doc: string;
  /** One per config, formatted as the model panel shows it. */
  values: string[];
}

/** The fields on which the configs do not all agree, in FIELDS order. */
export function differingFields(configs: readonly CpcConfig[]): ConfigDifference[] {
  if (configs.length < 2) return [];
  return CONFIG_KEYS.filter((key) => configs.some((config) => config[key] !== configs[0][key])).map(
    (key) => ({
      key,
      label: FIELDS[key].label,
      doc: FIELDS[key].doc,
      values: configs.map((config) => formatControlValue(config[key])),
    }),
  );
}
