// The packages this repository publishes, by name, with their folder under packages/ (in dependency order).
export const PACKAGE_FOLDERS = {
  '@cbr-sdk/checkpoint-api': 'checkpoint-api',
  '@cbr-sdk/checkpoint': 'checkpoint',
  '@cbr-sdk/mock-server': 'mock-server',
  '@cbr-sdk/cli': 'cli',
};
