// Reads back the Mermaid flowchart KafkaPlatform.toMermaid() writes: node labels by id, and the edges
// as "<from label> <arrow> <to label> (<edge label>)", so tests can say what the picture shows.

export function mermaidEdges(text: string): string[] {
  const labels = new Map<string, string>();
  for (const m of text.matchAll(/^\s*(?:subgraph )?(n\d+)[^\s"]+"([^"]*)"/gm)) {
    labels.set(m[1], m[2].split('<br/>')[0]);
  }
  return [...text.matchAll(/^\s*(n\d+) (-->|==>|-\.->)(?:\|"([^"]*)"\|)? (n\d+)$/gm)]
    .map(([, from, arrow, label, to]) => `${labels.get(from)} ${arrow} ${labels.get(to)}${label ? ` (${label})` : ''}`);
}
