/**
 * The shapes every schema Model object is built from (expressions, source locations, comments, grants, canonical
 * definitions). Same rules as ./types.ts, which re-exports everything here.
 */
import type { SourceLocation } from '../errors.js';

/** An expression: canonical form for comparison, original text for rendering. */
export interface Expr {
  readonly canonical: string;
  readonly text: string;
}

/** Where an object was declared (parser only; absent on inspected objects). */
export interface Located {
  readonly loc?: SourceLocation;
}

export interface Commented {
  readonly comment?: string;
}

/** One privilege granted on a relation to a role (or PUBLIC); the owner's own privileges are implicit. */
export interface Grant {
  readonly grantee: string;
  /** `SELECT`, `INSERT`, `UPDATE`, `DELETE`, `TRUNCATE`, `REFERENCES`, `TRIGGER`, `MAINTAIN`. */
  readonly privilege: string;
  readonly grantable: boolean;
}

/**
 * The comparison form of an object's definition text (src/parse/canonical.ts), set by the parser and the
 * inspector; absent only on objects built by hand, which then compare by their text.
 */
export interface CanonicalDefinition {
  readonly canonical?: string;
}
