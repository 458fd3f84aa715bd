import type { CpcConfig } from '../config';
import type { ParamScope } from '../nn/params';
import { createGru } from './gru';
import { createLstm } from './lstm';
import { createMaskedConv } from './maskedConv';
import type { ContextModel } from './types';

export type { ContextModel } from './types';

export function createContextModel(config: CpcConfig, scope: ParamScope, ndir: number): ContextModel {
  const { codeSize: d, contextHidden: h } = config;
  switch (config.context) {
    case 'gru':
      return createGru(scope, ndir, d, h);
    case 'lstm':
      return createLstm(scope, ndir, d, h);
    case 'masked-conv':
      return createMaskedConv(scope, ndir, d, h, config.contextLayers);
  }
}
