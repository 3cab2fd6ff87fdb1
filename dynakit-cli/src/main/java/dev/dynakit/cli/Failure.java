package dev.dynakit.cli;

import dev.dynakit.client.errors.AuthenticationException;
import dev.dynakit.client.errors.CircuitOpenException;
import dev.dynakit.client.errors.ConditionalCheckException;
import dev.dynakit.client.errors.ConfigurationException;
import dev.dynakit.client.errors.DynakitException;
import dev.dynakit.client.errors.ItemException;
import dev.dynakit.client.errors.PolicyViolationException;
import dev.dynakit.client.errors.RequestValidationException;
import dev.dynakit.client.errors.ServiceException;
import dev.dynakit.client.errors.ThroughputException;
import dev.dynakit.client.errors.TransactionException;

/**
 * What the user is told when a command fails: an exit code, and one line naming what was wrong with
 * a hint at what to do. Built from the adapter's {@link DynakitException} categories and kinds;
 * their messages never hold item values or secrets, so they are printed as they are.
 */
record Failure(ExitCode exitCode, String message, String hint) {

  /** The one line printed on standard error. */
  String line() {
    String text = message == null || message.isBlank() ? "failed" : message.strip();
    text = text.replace('\n', ' ').replace('\r', ' ');
    return "dynakit: " + text + (hint == null ? "" : " (" + hint + ")");
  }

  /** The failure a thrown exception stands for. */
  static Failure of(Throwable thrown, String command) {
    if (thrown instanceof UsageException) {
      return new Failure(ExitCode.USAGE, thrown.getMessage(), "see '" + command + " --help'");
    }
    if (thrown instanceof DynakitException) {
      return of((DynakitException) thrown);
    }
    return new Failure(
        ExitCode.FAILURE,
        "unexpected error: " + thrown.getClass().getSimpleName() + ": " + thrown.getMessage(),
        "run again with --debug for the stack trace");
  }

  private static Failure of(DynakitException e) {
    String message = e.getMessage();
    if (e instanceof PolicyViolationException) {
      PolicyViolationException policy = (PolicyViolationException) e;
      switch (policy.kind()) {
        case WRITE_NOT_ALLOWED:
          return new Failure(
              ExitCode.POLICY_DENIED,
              message,
              "add --allow-write, or set DYNAKIT_ALLOW_WRITE=true, to allow writes");
        case TABLE_NOT_ALLOWED:
          return new Failure(
              ExitCode.POLICY_DENIED,
              message,
              "add --allow-table " + tableOr(e, "TABLE") + " to allow this table");
        default:
          return new Failure(ExitCode.POLICY_DENIED, message, "choose another --security-profile");
      }
    }
    if (e instanceof ConfigurationException) {
      return new Failure(
          ExitCode.CONFIGURATION, message, "fix the option or variable named; see docs/cli.md");
    }
    if (e instanceof AuthenticationException) {
      return new Failure(
          ExitCode.AUTHENTICATION,
          message,
          "check the AWS credentials, --profile or AWS_PROFILE; embedded: needs none");
    }
    if (e instanceof ConditionalCheckException) {
      return new Failure(
          ExitCode.CONDITION_FAILED, message, "the item is not as the condition expects");
    }
    if (e instanceof TransactionException) {
      return new Failure(
          ExitCode.TRANSACTION_CANCELED,
          message,
          e.retryable() ? "it may succeed if run again" : "no item was written");
    }
    if (e instanceof ThroughputException) {
      return new Failure(
          ExitCode.THROTTLED, message, "try again later, or raise the table's capacity");
    }
    if (e instanceof CircuitOpenException) {
      return new Failure(
          ExitCode.UNAVAILABLE, message, "too many failures; the endpoint is given a rest");
    }
    if (e instanceof ItemException) {
      ItemException item = (ItemException) e;
      return item.kind() == ItemException.Kind.ITEM_NOT_FOUND
          ? new Failure(ExitCode.NOT_FOUND, message, null)
          : new Failure(ExitCode.VALIDATION, message, "items are at most 400 KB");
    }
    if (e instanceof RequestValidationException) {
      return new Failure(
          ExitCode.VALIDATION, message, "see docs/client/verbs.md for the verbs' arguments");
    }
    return ofService((ServiceException) e);
  }

  private static Failure ofService(ServiceException e) {
    String message = e.getMessage();
    switch (e.kind()) {
      case RESOURCE_NOT_FOUND:
        return new Failure(
            ExitCode.NOT_FOUND, message, "'dynakit tables' lists the tables there are");
      case RESOURCE_IN_USE:
        return new Failure(ExitCode.IN_USE, message, "the table exists or is changing");
      case LIMIT_EXCEEDED:
        return new Failure(ExitCode.THROTTLED, message, "try again later");
      case TIMEOUT:
      case NETWORK:
      case SERVICE_UNAVAILABLE:
      case INTERNAL_SERVER_ERROR:
        return new Failure(
            ExitCode.UNAVAILABLE, message, "check that the endpoint is up and reachable");
      default:
        return new Failure(ExitCode.FAILURE, message, "run again with --debug for the stack trace");
    }
  }

  private static String tableOr(DynakitException e, String otherwise) {
    String table = e.context().table();
    return table == null ? otherwise : table;
  }
}
