/** CXL CCI protocol: messages, return codes, the command registry, requests, tunnels, background operations. */
export * from './background.js';
export * from './messages.js';
export * from './registry.js';
export * from './request.js';
export * from './tunnel.js';
