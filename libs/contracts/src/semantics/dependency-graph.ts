/** "A depends on B" in the given relation. */
export interface DependencyEdge {
  assetId: string;
  dependsOnAssetId: string;
  relation: string;
}

export interface ReachedAsset {
  assetId: string;
  depth: number;
  relation: string;
  path: string[];
}

/**
 * Breadth-first over the dependency graph, one level per call of `edgesOf`: "dependents" walks
 * to what depends on the start (what may break), "dependencies" to what it needs. Cycles are
 * allowed in the data; the visited set makes every walk end, each asset reported once at its
 * shortest depth with one shortest path.
 */
export async function walkDependencies(
  start: string,
  direction: 'dependents' | 'dependencies',
  edgesOf: (frontier: string[]) => Promise<DependencyEdge[]> | DependencyEdge[],
): Promise<ReachedAsset[]> {
  const paths = new Map<string, string[]>([[start, [start]]]);
  const reached: ReachedAsset[] = [];
  let frontier = [start];
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const edge of await edgesOf(frontier)) {
      const [from, to] =
        direction === 'dependents' ? [edge.dependsOnAssetId, edge.assetId] : [edge.assetId, edge.dependsOnAssetId];
      if (paths.has(to) || !paths.has(from)) continue;
      const path = [...paths.get(from)!, to];
      paths.set(to, path);
      reached.push({ assetId: to, depth, relation: edge.relation, path });
      next.push(to);
    }
    frontier = next;
  }
  return reached;
}
