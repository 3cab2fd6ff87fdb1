package dev.dynakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.client.errors.AuthenticationException;
import dev.dynakit.client.errors.CircuitOpenException;
import dev.dynakit.client.errors.ErrorContext;
import dev.dynakit.client.errors.ItemException;
import dev.dynakit.client.errors.PolicyViolationException;
import dev.dynakit.client.errors.ServiceException;
import dev.dynakit.client.errors.ThroughputException;
import dev.dynakit.client.errors.TransactionException;
import org.junit.jupiter.api.Test;

class ErrorsTest {
  private static final ErrorContext CONTEXT = ErrorContext.local("GetItem", "Orders");

  @Test
  void everyCategoryHasItsExitCode() {
    assertThat(
            code(
                new ThroughputException(
                    ThroughputException.Kind.THROTTLING, "t", CONTEXT, true, null)))
        .isEqualTo(ExitCode.THROTTLED);
    assertThat(
            code(
                new AuthenticationException(
                    AuthenticationException.Kind.TOKEN_EXPIRED, "a", CONTEXT, false, null)))
        .isEqualTo(ExitCode.AUTHENTICATION);
    assertThat(
            code(
                new CircuitOpenException(
                    CircuitOpenException.Kind.OPEN, "c", CONTEXT, false, null)))
        .isEqualTo(ExitCode.UNAVAILABLE);
    assertThat(
            code(new ItemException(ItemException.Kind.ITEM_NOT_FOUND, "i", CONTEXT, false, null)))
        .isEqualTo(ExitCode.NOT_FOUND);
    assertThat(
            code(new ItemException(ItemException.Kind.ITEM_TOO_LARGE, "i", CONTEXT, false, null)))
        .isEqualTo(ExitCode.VALIDATION);
    assertThat(
            code(
                new TransactionException(
                    TransactionException.Kind.TRANSACTION_CONFLICT, "x", CONTEXT, true, null)))
        .isEqualTo(ExitCode.TRANSACTION_CANCELED);
    for (ServiceException.Kind kind :
        new ServiceException.Kind[] {
          ServiceException.Kind.TIMEOUT,
          ServiceException.Kind.NETWORK,
          ServiceException.Kind.SERVICE_UNAVAILABLE,
          ServiceException.Kind.INTERNAL_SERVER_ERROR
        }) {
      assertThat(code(new ServiceException(kind, "s", CONTEXT, true, null)))
          .isEqualTo(ExitCode.UNAVAILABLE);
    }
    assertThat(
            code(
                new ServiceException(
                    ServiceException.Kind.LIMIT_EXCEEDED, "s", CONTEXT, true, null)))
        .isEqualTo(ExitCode.THROTTLED);
    assertThat(code(new ServiceException(ServiceException.Kind.UNKNOWN, "s", CONTEXT, false, null)))
        .isEqualTo(ExitCode.FAILURE);
    assertThat(code(new IllegalStateException("boom"))).isEqualTo(ExitCode.FAILURE);
  }

  @Test
  void theLineIsOneLineWithAHint() {
    Failure failure =
        Failure.of(
            new PolicyViolationException(
                PolicyViolationException.Kind.TABLE_NOT_ALLOWED,
                "GetItem on table 'Orders' refused:\nnot allowed",
                CONTEXT,
                false,
                null),
            "dynakit get");
    assertThat(failure.line())
        .isEqualTo(
            "dynakit: GetItem on table 'Orders' refused: not allowed (add --allow-table Orders to"
                + " allow this table)");
    assertThat(new Failure(ExitCode.FAILURE, " ", null).line()).isEqualTo("dynakit: failed");
    assertThat(Failure.of(new IllegalStateException("boom"), "dynakit").line())
        .isEqualTo(
            "dynakit: unexpected error: IllegalStateException: boom (run again with --debug for"
                + " the stack trace)");
  }

  @Test
  void unknownOptionsAndCommandsAreUsageErrorsWithSuggestions() {
    Run option = Run.cli().run("tables", "--endpiont", "embedded:");
    assertThat(option.exitCode).isEqualTo(2);
    assertThat(option.err)
        .startsWith("dynakit: Unknown options: '--endpiont', 'embedded:'")
        .contains("(see 'dynakit tables --help')")
        .contains("Possible solutions: --endpoint");
    Run command = Run.cli().run("quer");
    assertThat(command.exitCode).isEqualTo(2);
    assertThat(command.err).contains("Unmatched argument").contains("query");
  }

  @Test
  void debugPrintsTheStackTrace() {
    Run plain = Run.cli().run("--endpoint", "ftp://x", "tables");
    Run debug = Run.cli().run("--endpoint", "ftp://x", "tables", "--debug");
    assertThat(plain.err.lines()).hasSize(1);
    assertThat(debug.err).contains("ConfigurationException").contains("\tat dev.dynakit");
  }

  private static ExitCode code(Throwable thrown) {
    return Failure.of(thrown, "dynakit").exitCode();
  }
}
