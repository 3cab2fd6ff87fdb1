package dev.dynakit.client.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.errors.ConfigurationException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** The schedule, read through the SDK's RetryStrategy API with a seeded random source. */
class DynakitRetryStrategyTest {
  private static final long SEED = 20261124L;

  private static AwsServiceException error(String code, int status) {
    return DynamoDbException.builder()
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build())
        .statusCode(status)
        .build();
  }

  /** The delays the strategy answers for {@code failure} until it refuses. */
  private static List<Duration> schedule(DynakitRetryStrategy strategy, Throwable failure) {
    AcquireInitialTokenResponse initial =
        strategy.acquireInitialToken(AcquireInitialTokenRequest.create("test"));
    assertThat(initial.delay()).isZero();
    RetryToken token = initial.token();
    List<Duration> delays = new ArrayList<>();
    while (true) {
      try {
        RefreshRetryTokenResponse next =
            strategy.refreshRetryToken(
                RefreshRetryTokenRequest.builder().token(token).failure(failure).build());
        delays.add(next.delay());
        token = next.token();
      } catch (TokenAcquisitionFailedException refused) {
        assertThat(refused.getCause()).isSameAs(failure);
        return delays;
      }
    }
  }

  /** Full jitter: {@code random * min(cap, base * 2^(n-1))} for each retry n. */
  private static List<Duration> expected(long baseMillis, int retries, long capMillis) {
    Random random = new Random(SEED);
    List<Duration> delays = new ArrayList<>();
    for (int n = 1; n <= retries; n++) {
      long ceiling = Math.min(capMillis, baseMillis << (n - 1)) * 1_000_000L;
      delays.add(Duration.ofNanos((long) (random.nextDouble() * ceiling)));
    }
    return delays;
  }

  private static DynakitRetryStrategy seeded(RetrySettings settings) {
    return new DynakitRetryStrategy(settings.random(new Random(SEED)));
  }

  @Test
  void throttlingGetsTenAttemptsFromFiftyMillisecondsWithFullJitter() {
    for (String code :
        List.of(
            "ThrottlingException",
            "ProvisionedThroughputExceededException",
            "RequestLimitExceeded")) {
      List<Duration> delays = schedule(seeded(RetrySettings.defaults()), error(code, 400));

      assertThat(delays).as(code).hasSize(9).isEqualTo(expected(50, 9, 20_000));
      assertThat(delays.get(8)).isLessThanOrEqualTo(Duration.ofMillis(50L << 8));
    }
  }

  @Test
  void serverErrorsGetThreeAttemptsFromTheirOwnBases() {
    assertThat(schedule(seeded(RetrySettings.defaults()), error("InternalServerError", 500)))
        .isEqualTo(expected(100, 2, 20_000));
    assertThat(schedule(seeded(RetrySettings.defaults()), error("ServiceUnavailable", 503)))
        .isEqualTo(expected(500, 2, 20_000));
  }

  @Test
  void conflictsGetThreeAttempts() {
    assertThat(
            schedule(seeded(RetrySettings.defaults()), error("TransactionConflictException", 400)))
        .isEqualTo(expected(100, 2, 20_000));
    TransactionCanceledException onlyConflicts =
        (TransactionCanceledException)
            TransactionCanceledException.builder()
                .cancellationReasons(
                    CancellationReason.builder().code("None").build(),
                    CancellationReason.builder().code("TransactionConflict").build())
                .awsErrorDetails(
                    AwsErrorDetails.builder().errorCode("TransactionCanceledException").build())
                .statusCode(400)
                .build();
    assertThat(schedule(seeded(RetrySettings.defaults()), onlyConflicts)).hasSize(2);
  }

  @Test
  void clientErrorsAreNeverRetried() {
    ConditionalCheckFailedException condition =
        (ConditionalCheckFailedException)
            ConditionalCheckFailedException.builder()
                .awsErrorDetails(
                    AwsErrorDetails.builder().errorCode("ConditionalCheckFailedException").build())
                .statusCode(400)
                .build();
    TransactionCanceledException byCondition =
        (TransactionCanceledException)
            TransactionCanceledException.builder()
                .cancellationReasons(
                    CancellationReason.builder().code("ConditionalCheckFailed").build())
                .awsErrorDetails(
                    AwsErrorDetails.builder().errorCode("TransactionCanceledException").build())
                .statusCode(400)
                .build();

    for (Throwable failure :
        List.of(
            condition,
            byCondition,
            error("ValidationException", 400),
            error("AccessDeniedException", 400),
            error("ResourceNotFoundException", 400))) {
      assertThat(schedule(seeded(RetrySettings.defaults()), failure))
          .as(failure.toString())
          .isEmpty();
    }
  }

  @Test
  void networkFailuresGetThreeAttempts() {
    SdkClientException io =
        SdkClientException.create("Unable to execute HTTP request", new IOException("reset"));

    assertThat(schedule(seeded(RetrySettings.defaults()), io)).isEqualTo(expected(100, 2, 20_000));
    assertThat(schedule(seeded(RetrySettings.defaults().network(1, Duration.ZERO)), io)).isEmpty();
  }

  @Test
  void eachClassIsConfigurableAndTheCapAppliesToAll() {
    RetrySettings settings =
        RetrySettings.defaults()
            .throttling(4, Duration.ofMillis(10))
            .maxBackoff(Duration.ofMillis(25));

    assertThat(schedule(seeded(settings), error("ThrottlingException", 400)))
        .isEqualTo(expected(10, 3, 25));
    assertThat(schedule(seeded(settings.maxAttempts(2)), error("ThrottlingException", 400)))
        .hasSize(1);
    assertThat(new DynakitRetryStrategy(settings).maxAttempts()).isEqualTo(4);
    assertThat(new DynakitRetryStrategy(RetrySettings.none()).maxAttempts()).isEqualTo(1);
  }

  @Test
  void theEnvironmentCapsEveryClass() {
    RetrySettings capped = RetrySettings.fromEnvironment(Map.of("DYNAKIT_MAX_ATTEMPTS", "2"));

    for (RetryClass c : RetryClass.values()) {
      assertThat(capped.maxAttempts(c)).isEqualTo(2);
    }
    assertThat(RetrySettings.fromEnvironment(Map.of()).maxAttempts(RetryClass.THROTTLING))
        .isEqualTo(10);
    assertThatThrownBy(() -> RetrySettings.fromEnvironment(Map.of("DYNAKIT_MAX_ATTEMPTS", "many")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("DYNAKIT_MAX_ATTEMPTS")
        .hasMessageContaining("many");
    assertThatThrownBy(() -> RetrySettings.fromEnvironment(Map.of("DYNAKIT_MAX_ATTEMPTS", "0")))
        .isInstanceOf(ConfigurationException.class);
    assertThat(
            RetrySettings.defaults()
                .maxAttempts(5)
                .withEnvironment(Map.of("DYNAKIT_MAX_ATTEMPTS", "2"))
                .maxAttempts(RetryClass.THROTTLING))
        .isEqualTo(5);
  }

  @Test
  void theTestScaleKeepsAttemptsButDropsTheWait() {
    List<Duration> delays =
        schedule(
            seeded(RetrySettings.defaults().backoffScale(0)), error("ThrottlingException", 400));

    assertThat(delays).hasSize(9).allMatch(Duration::isZero);
  }

  @Test
  void badSettingsNameWhatIsWrong() {
    assertThatThrownBy(() -> RetrySettings.defaults().throttling(0, Duration.ZERO))
        .hasMessage("maxAttempts for THROTTLING must be at least 1, was 0");
    assertThatThrownBy(() -> RetrySettings.defaults().serviceUnavailable(3, Duration.ofMillis(-1)))
        .hasMessageContaining("base for SERVICE_UNAVAILABLE must not be negative");
    assertThatThrownBy(() -> RetrySettings.defaults().backoffScale(-1))
        .hasMessageContaining("backoffScale");
    assertThatThrownBy(() -> RetrySettings.defaults().maxAttempts(0))
        .hasMessageContaining("maxAttempts");
    assertThat(RetrySettings.defaults().internalServerError(5, Duration.ofMillis(7)).toString())
        .contains("INTERNAL_SERVER_ERROR=5/PT0.007S");
  }

  @Test
  void successReturnsTheTokenAndTheSdkBuilderIsRefused() {
    DynakitRetryStrategy strategy = new DynakitRetryStrategy(RetrySettings.defaults());
    RetryToken token = strategy.acquireInitialToken(AcquireInitialTokenRequest.create("x")).token();

    assertThat(strategy.recordSuccess(RecordSuccessRequest.create(token)).token()).isSameAs(token);
    assertThat(strategy.useClientDefaults()).isFalse();
    assertThat(strategy.toBuilder().build()).isSameAs(strategy);
    assertThatThrownBy(() -> strategy.toBuilder().maxAttempts(3))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("RetrySettings");
  }
}
