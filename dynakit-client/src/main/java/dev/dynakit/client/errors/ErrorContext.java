package dev.dynakit.client.errors;

/**
 * Where an error happened: the DynamoDB operation (such as {@code PutItem}), the table (or {@code
 * null} where none applies), the AWS request id and error code the service answered with (both
 * {@code null} for errors raised before a request was sent), and the HTTP status (0 if none).
 */
public record ErrorContext(
    String operation, String table, String requestId, String awsErrorCode, int statusCode) {

  /** A context for an error found before anything was sent. */
  public static ErrorContext local(String operation, String table) {
    return new ErrorContext(operation, table, null, null, 0);
  }
}
