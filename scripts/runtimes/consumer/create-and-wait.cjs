// The scenario through the packages' CommonJS entries (`require`).
const api = require('@cbr-sdk/checkpoint-api');
const sdk = require('@cbr-sdk/checkpoint');
const { main } = require('./scenario.cjs');

main(sdk, api, 'cjs');
