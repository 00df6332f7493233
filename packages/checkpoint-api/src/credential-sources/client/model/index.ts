export * from './metadata-credential.js';
export * from './metadata-error.js';
export * from './pod-identity-credentials.js';
export * from './pod-identity-credentials-response-body.js';
export * from './security-key-response-body.js';
