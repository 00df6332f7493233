// The scenario through the packages' ESM entries (`import`).

import * as sdk from '@cbr-sdk/checkpoint';
import * as api from '@cbr-sdk/checkpoint-api';
import scenario from './scenario.cjs';

scenario.main(sdk, api, 'esm');
