/**
 * What one request to /api/trpc may be; the route refuses more, the client never batches more.
 * A full graph save (up to 4 MB of node data, JSON-escaped) fits in the body.
 */
export const REQUEST_LIMITS = {
  maxBodyBytes: 8 * 1024 * 1024,
  maxDepth: 100,
  maxBatchSize: 50,
} as const;
