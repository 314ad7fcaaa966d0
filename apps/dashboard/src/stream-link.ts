/** Where a stream name leads in the dashboard: its enterprise or case page, else the audit log of that stream. */
export function streamLink(streamName: string): string {
  if (streamName.startsWith('enterprise-'))
    return `/enterprises/${encodeURIComponent(streamName.slice('enterprise-'.length))}`;
  if (streamName.startsWith('injury-'))
    return `/cases/${encodeURIComponent(streamName.slice('injury-'.length))}`;
  return `/audit?stream=${encodeURIComponent(streamName)}`;
}
