import type { DataSource } from 'typeorm';

/**
 * A database restored into another cluster (a dump and restore, a rebuilt server) keeps its
 * events and its relay checkpoints, but new transaction ids start below the checkpoint: ordered
 * by transaction id, every new event would sort behind what was already published and nothing
 * would go out again. Told by a checkpoint written in another cluster, or one ahead of the
 * current transaction id, the relay is re-based: it first drains the restored events it had not
 * published yet in their old order, then publishes the events above a position floor (everything
 * written in this cluster) in this cluster's order.
 *
 * Runs at start, before the process writes anything, with writers locked out, so the floor is
 * exactly the last restored event.
 */
export async function rebaseRelaysAfterRestore(dataSource: DataSource): Promise<string[]> {
  return dataSource.transaction(async (tx) => {
    await tx.query('LOCK TABLE events IN SHARE MODE');
    const [{ system }] = (await tx.query('SELECT uc_cluster_id() AS system')) as [{ system: string | null }];
    const checkpoints = (await tx.query(
      `SELECT relay, system_id, tx_id > pg_current_xact_id() AS ahead FROM relay_checkpoints FOR UPDATE`,
    )) as { relay: string; system_id: string | null; ahead: boolean }[];
    const rebased: string[] = [];
    for (const c of checkpoints) {
      const moved = c.ahead || (system !== null && c.system_id !== null && c.system_id !== system);
      if (moved) {
        await tx.query(
          `UPDATE relay_checkpoints SET system_id = $2, draining = true,
             floor_position = (SELECT coalesce(max(position), 0) FROM events), updated_at = now()
           WHERE relay = $1`,
          [c.relay, system],
        );
        rebased.push(c.relay);
      } else if (c.system_id === null && system !== null) {
        await tx.query('UPDATE relay_checkpoints SET system_id = $2 WHERE relay = $1', [c.relay, system]);
      }
    }
    return rebased;
  });
}
