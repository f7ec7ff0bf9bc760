/**
 * Seeds of the generated-schema suite expected to fail, each with its reason. The suite runs them with
 * `it.fails`, so it goes red the day one passes: then remove it from here. (Seeds 1, 24 and 30 — a new SQL-standard
 * function created before the view it reads — were fixed by the dependency-graph planner's `Func.reads` edges.)
 */
const ENUM_REBUILD_USERS =
  'enum value removed: the rebuild (rename, create, DROP TYPE old) ignores a domain or composite type over the enum, so DROP TYPE fails; PostgreSQL cannot change a domain base type in place and refuses ALTER ATTRIBUTE TYPE on a composite used by a column';

export const KNOWN: Readonly<Record<number, string>> = {
  10: ENUM_REBUILD_USERS,
};
