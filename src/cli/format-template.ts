/**
 * Atlas's `--format` Go templates, for the forms its documentation uses: `{{ sql . }}`,
 * `{{ sql . "  " }}` (one column or clause per line, indented by the string), `{{ json . }}` and
 * `{{ mermaid . }}`. Anything else that looks like a template is refused with the forms Meridian reads.
 */
import { InvalidArgumentError, Option } from 'commander';

export interface FormatChoice {
  /** The named format (`sql`, `json`, `mermaid`, or one of the command's own: `file`, `text`…). */
  readonly kind: string;
  /** Indentation asked for by `{{ sql . "<indent>" }}`. */
  readonly indent?: string;
  /** Given as an Atlas template rather than a name. */
  readonly template?: boolean;
}

const TEMPLATE = /^\{\{-?\s*(sql|json|mermaid)\s+\.\s*(?:("(?:[^"\\]|\\.)*"))?\s*-?\}\}$/;

/**
 * Reads a `--format` value: a name the command knows, or one of Atlas's templates.
 *
 * @example
 * readFormat('{{ sql . "  " }}', ['sql', 'json']) // { kind: 'sql', indent: '  ' }
 * readFormat('json', ['sql', 'json'])              // { kind: 'json' }
 */
export function readFormat(value: string, names: readonly string[], templateKinds: readonly string[] = names): FormatChoice {
  const v = value.trim();
  if (names.includes(v)) return { kind: v };
  const m = TEMPLATE.exec(v);
  if (m && templateKinds.includes(m[1]!)) {
    if (m[1] !== 'sql' && m[2]) throw new InvalidArgumentError(`{{ ${m[1]} . }} takes no argument`);
    return m[2] ? { kind: m[1]!, indent: JSON.parse(m[2]) as string } : { kind: m[1]! };
  }
  const forms = templateKinds.map((k) => (k === 'sql' ? `'{{ sql . }}', '{{ sql . "  " }}'` : `'{{ ${k} . }}'`));
  throw new InvalidArgumentError(`"${v}" is not one of ${names.join(', ')}${forms.length ? ` or Atlas's templates ${forms.join(', ')}` : ''}`);
}

/** `--format <format>`: the command's names, or Atlas's templates for the kinds it prints. */
export function formatOption(values: string[], dflt: string, templateKinds: readonly string[] = values): Option {
  return new Option('--format <format>', `output format: ${values.join(', ')}${templateKinds.length ? ` (or an Atlas template such as '{{ ${templateKinds[0]} . }}')` : ''}`)
    .default(dflt)
    .argParser((v: string) => (readFormat(v, values, templateKinds), v));
}

/**
 * A `--format` value the option already accepted, read back: templates become their kind and indent.
 *
 * @example
 * formatChoice('{{ json . }}') // { kind: 'json' }
 */
export function formatChoice(value: string | undefined): FormatChoice {
  const m = TEMPLATE.exec((value ?? '').trim());
  if (!m) return { kind: (value ?? '').trim() };
  return { kind: m[1]!, template: true, ...(m[2] ? { indent: JSON.parse(m[2]) as string } : {}) };
}
