/** CXL API: the Endpoint (one typed method per command), tunnel views, background operations, ScriptedTransport. */
export { type BackgroundHost, BackgroundOperation, type BackgroundOptions, type BackgroundProgress, type BackgroundResult } from './background.js';
export {
  type CallOptions,
  CciTarget,
  type ComponentType,
  type CxlCommandMethod,
  type CxlCommandMethods,
  type CxlCommandOptions,
  type CxlCommandResult,
  Endpoint,
  type EndpointOptions,
  type ReadOptions,
  TunnelView,
} from './endpoint.js';
export { Mailbox } from './mailbox.js';
export { respondTo, type RequestMatcher, type ScriptedReply, ScriptedTransport, type ScriptStep, type SentRecord, toHex } from './scripted-transport.js';
