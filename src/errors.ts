/**
 * Errors with stable codes. Every error Meridian raises on purpose is a `MeridianError`:
 * the CLI prints `error[CODE]: message` without a stack trace and exits non-zero.
 */
export type ErrorCode =
  | 'E_CONFIG'
  | 'E_ENV'
  | 'E_URL'
  | 'E_CONNECT'
  | 'E_DB'
  | 'E_NOT_IMPLEMENTED'
  | 'E_PARSE'
  | 'E_VALIDATE'
  | 'E_UNSUPPORTED'
  | 'E_INSPECT'
  | 'E_DIFF'
  | 'E_PLAN'
  | 'E_MIGRATE_DIR'
  | 'E_CHECKSUM'
  | 'E_APPLY'
  | 'E_LOCK'
  | 'E_DIRTY'
  | 'E_CONFIRM'
  | 'E_HAZARD'
  | 'E_PLAN_CHANGED'
  | 'E_BACKUP'
  | 'E_LINT'
  | 'E_PRISMA'
  | 'E_SQLGEN'
  | 'E_USAGE'
  | 'E_ENCODING'
  | 'E_EMPTY_SCHEMA'
  | 'E_DEV_DIRTY'
  | 'E_DEV_BUSY';

/** A located position in a source file (1-based line and column). */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** UTF-8 byte offset into the file. */
  readonly offset?: number;
}

/** Where atlas.sum and the directory disagree (line in atlas.sum, file name, added/edited/removed). */
export interface ChecksumMismatch {
  readonly line: number;
  readonly file: string;
  readonly reason: string;
}

export class MeridianError extends Error {
  readonly code: ErrorCode;
  /** Process exit code the CLI uses for this error (1 unless stated). */
  readonly exitCode: number;
  readonly location?: SourceLocation;
  /** For E_CHECKSUM: the first atlas.sum line that differs (Atlas's ChecksumError: `L<line>: <file> was <reason>`). */
  readonly checksum?: ChecksumMismatch;
  constructor(
    code: ErrorCode,
    message: string,
    opts: { cause?: unknown; exitCode?: number; location?: SourceLocation; checksum?: ChecksumMismatch } = {},
  ) {
    super(message, opts.cause !== undefined ? { cause: opts.cause } : undefined);
    this.name = 'MeridianError';
    this.code = code;
    this.exitCode = opts.exitCode ?? 1;
    this.location = opts.location;
    this.checksum = opts.checksum;
  }
}

/** Raised by commands that are part of the command tree but not built yet (exit code 2). */
export class NotImplementedError extends MeridianError {
  constructor(what: string) {
    super('E_NOT_IMPLEMENTED', `${what} is not built yet in this version of Meridian`, { exitCode: 2 });
  }
}

export function isMeridianError(e: unknown): e is MeridianError {
  return e instanceof MeridianError;
}
