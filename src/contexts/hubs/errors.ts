/**
 * Stable error codes of the logistics-hub context, namespaced `HUBS_*` so a log line or an HTTP answer can be
 * grepped back to the rule that raised it.
 */
export const HUBS_ERRORS = {
  /** No hub with this id, or not one the actor's authority operates or oversees. */
  hubNotFound: 'HUBS_HUB_NOT_FOUND',
  /** A hub definition (name, kind, gates, cameras, policy) is not valid; `details.issues` lists every one. */
  hubInvalid: 'HUBS_HUB_INVALID',
  /** A hub with this id exists already. */
  hubExists: 'HUBS_HUB_EXISTS',
  /** One or more reads of a batch are not valid; `details.issues` lists each with its index and path. */
  readInvalid: 'HUBS_READ_INVALID',
  /** A batch without reads, or with more than the limit. */
  batchSize: 'HUBS_BATCH_SIZE',
  /** The continuous read stream was sent with another media type than `application/x-ndjson`. */
  streamMediaType: 'HUBS_STREAM_MEDIA_TYPE',
  /** One line of the read stream is longer than the limit. */
  streamLineTooLong: 'HUBS_STREAM_LINE_TOO_LONG',
  /** No hit with this id at the hub, or one the desk may not see. */
  hitNotFound: 'HUBS_HIT_NOT_FOUND',
  /** The hit was dismissed; a dismissed hit is closed and takes no further action. */
  hitClosed: 'HUBS_HIT_CLOSED',
  /** An action without what it needs: an assignee who is a desk officer of the hub, or a dismissal reason. */
  hitActionInvalid: 'HUBS_HIT_ACTION_INVALID',
  /** A port call whose vessel, times, previous ports or containers are not valid; `details.issues` lists each. */
  portCallInvalid: 'HUBS_PORT_CALL_INVALID',
  /** No port call with this id at the hub. */
  portCallNotFound: 'HUBS_PORT_CALL_NOT_FOUND',
  /** Port calls are recorded at seaport hubs only. */
  notAPort: 'HUBS_NOT_A_PORT',
} as const;

export type HubsErrorCode = (typeof HUBS_ERRORS)[keyof typeof HUBS_ERRORS];
