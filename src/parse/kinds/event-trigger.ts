/**
 * Event triggers, folded: `CREATE EVENT TRIGGER name ON event [WHEN TAG IN (…)] EXECUTE {FUNCTION|PROCEDURE} f()`,
 * `ALTER EVENT TRIGGER name {ENABLE [REPLICA|ALWAYS]|DISABLE}`, `DROP EVENT TRIGGER`, `COMMENT ON EVENT TRIGGER`.
 */
import { quoteIdent } from '../../model/names.js';
import type { EventTrigger } from '../../model/types.js';
import type { Payload } from '../ast.js';
import type { FoldScope } from './scope.js';
import { sv } from './nodes.js';

type Mut<T> = { -readonly [K in keyof T]: T[K] };
const key = (name: string) => `event_trigger ${name}`;

export function createEventTrigger(s: FoldScope, n: Payload<'CreateEventTrigStmt'>): void {
  if (s.objects[key(n.trigname!)]) s.fail('E_DUPLICATE', `event trigger "${n.trigname}" already exists`);
  const names: string[] = (n.funcname ?? []).map(sv);
  const schema = names.length > 1 ? names[names.length - 2] : s.functionSchema(names[0]!);
  if (!schema) s.fail('E_UNKNOWN', `function ${names.join('.')}() does not exist`);
  const tags = (n.whenclause ?? []).map((w) => w.DefElem!).filter((d) => d.defname === 'tag')
    .flatMap((d) => (d.arg?.List?.items ?? []).map((x) => sv(x).toUpperCase()));
  s.objects[key(n.trigname!)] = {
    kind: 'event_trigger', name: n.trigname!, event: n.eventname!, tags, function: `${quoteIdent(schema)}.${quoteIdent(names[names.length - 1]!)}`, enabled: 'O', loc: s.loc,
  };
}

export function alterEventTrigger(s: FoldScope, n: Payload<'AlterEventTrigStmt'>): void {
  const e = s.objects[key(n.trigname!)] as Mut<EventTrigger> | undefined;
  if (!e) s.fail('E_UNKNOWN', `event trigger "${n.trigname}" does not exist`);
  e.enabled = String(n.tgenabled) as EventTrigger['enabled'];
}

export function eventTriggerNamed(s: FoldScope, name: string): Mut<EventTrigger> | undefined {
  return s.objects[key(name)] as Mut<EventTrigger> | undefined;
}

export function dropEventTrigger(s: FoldScope, name: string, missingOk: boolean): void {
  if (!s.objects[key(name)]) {
    if (!missingOk) s.fail('E_UNKNOWN', `event trigger "${name}" does not exist`);
    return;
  }
  delete s.objects[key(name)];
}
