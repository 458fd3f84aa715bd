import type { CpcConfig } from '../config';
import type { ParamScope } from '../nn/params';
import { createResNet } from './resnet';
import { createSimpleCnn } from './simpleCnn';
import type { PatchEncoder } from './types';

export type { PatchEncoder } from './types';

export function createEncoder(config: CpcConfig, scope: ParamScope): PatchEncoder {
  switch (config.encoder) {
    case 'simple-cnn':
      return createSimpleCnn(config, scope);
    case 'resnet':
      return createResNet(config, scope);
  }
}
