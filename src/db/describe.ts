/**
 * Statement description through the extended query protocol (Parse + Describe + Sync): the server
 * reports parameter types and result columns (with the table and column each comes from) without
 * running the statement. Used by typed SQL (`meridian sql generate`).
 */

/** One result column as the server's RowDescription reports it. */
export interface DescribedColumn {
  readonly name: string;
  readonly typeOid: number;
  readonly typeModifier: number;
  /** pg_class oid of the table the column is a plain reference to, else 0. */
  readonly tableOid: number;
  /** attnum in that table, else 0. */
  readonly columnNumber: number;
}

export interface StatementDescription {
  /** Type oid of `$1`, `$2`, … */
  readonly params: readonly number[];
  /** Empty for statements that return no rows. */
  readonly columns: readonly DescribedColumn[];
}

interface RowDescriptionMsg {
  fields: Array<{ name: string; dataTypeID: number; dataTypeModifier: number; tableID: number; columnID: number }>;
}

export function columnsOf(msg: RowDescriptionMsg | undefined): DescribedColumn[] {
  return (msg?.fields ?? []).map((f) => ({ name: f.name, typeOid: f.dataTypeID, typeModifier: f.dataTypeModifier, tableOid: f.tableID, columnNumber: f.columnID }));
}

/**
 * The wire messages of an unnamed Parse + Describe statement + Sync. pg-protocol loads on first use:
 * every command that opens a database imports this module, few describe statements.
 */
export async function describeMessages(sql: string): Promise<Uint8Array> {
  const { serialize } = await import('pg-protocol');
  return Buffer.concat([serialize.parse({ text: sql, name: '', types: [] }), serialize.describe({ type: 'S', name: '' }), serialize.sync()]);
}

interface PgConnection {
  parse(q: { text: string; name?: string; types?: number[] }): void;
  describe(m: { type: string; name?: string }): void;
  sync(): void;
  on(ev: string, fn: (msg: never) => void): void;
  removeListener(ev: string, fn: (msg: never) => void): void;
}

/**
 * A node-postgres "submittable" (the public extension point pg-cursor uses) that describes a
 * statement. Pass it to `client.query()` and await `.done`.
 */
export class PgDescribe {
  readonly done: Promise<StatementDescription>;
  private resolve!: (d: StatementDescription) => void;
  private reject!: (e: unknown) => void;
  private params: number[] = [];
  private columns: DescribedColumn[] = [];
  private error: unknown;
  private conn: PgConnection | undefined;
  private readonly onParams = (msg: { dataTypeIDs: number[] }) => {
    this.params = [...msg.dataTypeIDs];
  };
  constructor(private readonly text: string) {
    this.done = new Promise((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    });
  }
  submit(connection: PgConnection): void {
    this.conn = connection;
    connection.on('parameterDescription', this.onParams as never);
    connection.parse({ text: this.text, name: '', types: [] });
    connection.describe({ type: 'S', name: '' });
    connection.sync();
  }
  handleRowDescription(msg: RowDescriptionMsg): void {
    this.columns = columnsOf(msg);
  }
  handleError(err: unknown): void {
    // node-postgres detaches the active query on an error, so ReadyForQuery never reaches us: settle now.
    this.error = err;
    this.finish();
  }
  handleReadyForQuery(): void {
    this.finish();
  }
  private finish(): void {
    this.conn?.removeListener('parameterDescription', this.onParams as never);
    if (this.error) this.reject(this.error);
    else this.resolve({ params: this.params, columns: this.columns });
  }
  handleDataRow(): void {}
  handleCommandComplete(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyInResponse(): void {}
  handleCopyData(): void {}
}
