/**
 * A setting is missing or wrong; the CLI prints the message. In a module of its own so that the
 * settings of a capability (email) can throw it while config.ts loads them, without an import
 * cycle.
 */
export class ConfigError extends Error {}
