/** A named, server-side prepared statement (see Database.prepared). */
export interface PreparedStatement {
  /** One name per SQL text: PostgreSQL keeps the parsed statement per connection under it. */
  name: string;
  text: string;
  values: unknown[];
}
