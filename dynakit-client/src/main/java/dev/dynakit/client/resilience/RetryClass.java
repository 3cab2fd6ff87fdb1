package dev.dynakit.client.resilience;

/** The kinds of failure the adapter retries, each with its own attempts and backoff base. */
public enum RetryClass {
  /** ProvisionedThroughputExceeded, Throttling, RequestLimitExceeded. */
  THROTTLING,
  /** InternalServerError (HTTP 500 and other 5xx without a known code). */
  INTERNAL_SERVER_ERROR,
  /** ServiceUnavailable (HTTP 503). */
  SERVICE_UNAVAILABLE,
  /**
   * TransactionConflict, and TransactionCanceled whose reasons are only conflicts or throttling.
   */
  TRANSACTION_CONFLICT,
  /** I/O failures and attempt timeouts: the request may not have reached DynamoDB. */
  NETWORK
}
