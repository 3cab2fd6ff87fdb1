package dev.dynakit.cli;

/**
 * The {@code dynakit} command's exit codes, one per kind of outcome a script may want to tell
 * apart. Documented in {@code docs/cli.md}; the numbers are stable.
 */
enum ExitCode {
  /** The command did what it was asked. */
  OK(0),
  /** An unexpected failure (a bug, an I/O error); {@code --debug} shows the stack trace. */
  FAILURE(1),
  /** The command line is wrong: unknown option, missing argument, bad {@code --args} JSON. */
  USAGE(2),
  /** A setting is wrong: endpoint, region, profile, timeout, credentials configuration. */
  CONFIGURATION(3),
  /** The policy refused the call: a write without {@code --allow-write}, a table not allowed. */
  POLICY_DENIED(4),
  /** The table (or the item a command needs) does not exist. */
  NOT_FOUND(5),
  /** A condition expression was not met (ConditionalCheckFailed). */
  CONDITION_FAILED(6),
  /** A transaction was cancelled or conflicted. */
  TRANSACTION_CANCELED(7),
  /** DynamoDB or the adapter refused the request as invalid (key, expression, item size). */
  VALIDATION(8),
  /** Throttled after the adapter's retries, or a limit was exceeded. */
  THROTTLED(9),
  /** The endpoint did not answer: network, timeout, service unavailable, circuit open. */
  UNAVAILABLE(10),
  /** Credentials missing, expired or refused. */
  AUTHENTICATION(11),
  /**
   * The table exists already, or is being created, changed or deleted; for {@code serve}, the data
   * directory or the port is in use.
   */
  IN_USE(12);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /** The process exit status. */
  int code() {
    return code;
  }
}
