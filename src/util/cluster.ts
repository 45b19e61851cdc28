/** Group sorted values whose neighbours lie within `tolerance` and return each group's mean:
 * the positions of lines drawn (or detected) several times a hair apart. */
export function clusterMeans(values: number[], tolerance: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const groups: number[][] = [];
  for (const v of sorted) {
    const g = groups[groups.length - 1];
    if (g && v - g[g.length - 1] <= tolerance) g.push(v); else groups.push([v]);
  }
  return groups.map((g) => g.reduce((s, x) => s + x, 0) / g.length);
}
