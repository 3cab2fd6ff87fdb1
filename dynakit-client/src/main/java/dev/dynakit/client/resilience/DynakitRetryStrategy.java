package dev.dynakit.client.resilience;

import dev.dynakit.client.errors.ConditionalCheckException;
import dev.dynakit.client.errors.DynakitException;
import dev.dynakit.client.errors.ErrorMapper;
import dev.dynakit.client.errors.ServiceException;
import dev.dynakit.client.errors.ThroughputException;
import dev.dynakit.client.errors.TransactionException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * The adapter's SDK {@link RetryStrategy}: each failure is classified ({@link RetryClass}) through
 * the adapter's error mapping, and retried while the attempts made stay below that class's maximum,
 * after an exponential, fully jittered delay from that class's base. The SDK's {@code
 * StandardRetryStrategy} has one attempt count and one backoff for all errors, so the seed's
 * per-error schedule is implemented here. Thread-safe; tokens carry the per-call state.
 */
public final class DynakitRetryStrategy implements RetryStrategy {
  private final RetrySettings settings;

  /** A strategy following {@code settings}. */
  public DynakitRetryStrategy(RetrySettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The settings this strategy follows. */
  public RetrySettings settings() {
    return settings;
  }

  @Override
  public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
    return AcquireInitialTokenResponse.create(new Token(request.scope(), 1), Duration.ZERO);
  }

  @Override
  public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
    Token token = (Token) request.token();
    RetryClass retryClass = classify(request.failure());
    if (retryClass == null) {
      throw new TokenAcquisitionFailedException(
          "not retried: the failure is not transient", token, request.failure());
    }
    int allowed = settings.maxAttempts(retryClass);
    if (token.attempt >= allowed) {
      throw new TokenAcquisitionFailedException(
          "not retried: "
              + retryClass
              + " allows "
              + allowed
              + " attempts and "
              + token.attempt
              + " were made",
          token,
          request.failure());
    }
    Duration delay = delay(retryClass, token.attempt);
    return RefreshRetryTokenResponse.create(new Token(token.scope, token.attempt + 1), delay);
  }

  /**
   * The delay before the attempt after attempt {@code attempt} (1-based) failed with {@code
   * retryClass}: uniformly random in {@code [0, min(maxBackoff, base * 2^(attempt-1))]}, times the
   * test-only scale.
   */
  Duration delay(RetryClass retryClass, int attempt) {
    long baseNanos = settings.base(retryClass).toNanos();
    long capNanos = settings.maxBackoff().toNanos();
    int shift = Math.min(attempt - 1, 62);
    long ceiling =
        baseNanos > (capNanos >> shift) ? capNanos : Math.min(capNanos, baseNanos << shift);
    double jittered = settings.random().nextDouble() * ceiling * settings.backoffScale();
    return Duration.ofNanos((long) jittered);
  }

  @Override
  public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
    return RecordSuccessResponse.create(request.token());
  }

  /** The most attempts any failure may get. */
  @Override
  public int maxAttempts() {
    int max = 1;
    for (RetryClass c : RetryClass.values()) {
      max = Math.max(max, settings.maxAttempts(c));
    }
    return max;
  }

  @Override
  public boolean useClientDefaults() {
    return false;
  }

  /**
   * Not supported: this strategy is configured through {@link RetrySettings}, not the SDK's generic
   * builder.
   */
  @Override
  public Builder<?, ?> toBuilder() {
    return new UnsupportedBuilder(this);
  }

  /** The retry class of {@code failure}, or {@code null} if it is never retried. */
  static RetryClass classify(Throwable failure) {
    DynakitException mapped = ErrorMapper.map(failure, null, null);
    if (mapped instanceof ThroughputException) {
      return RetryClass.THROTTLING;
    }
    if (mapped instanceof ServiceException) {
      switch (((ServiceException) mapped).kind()) {
        case INTERNAL_SERVER_ERROR:
          return RetryClass.INTERNAL_SERVER_ERROR;
        case SERVICE_UNAVAILABLE:
          return RetryClass.SERVICE_UNAVAILABLE;
        case NETWORK:
        case TIMEOUT:
          return mapped.retryable() ? RetryClass.NETWORK : null;
        default:
          return null;
      }
    }
    if (mapped instanceof TransactionException) {
      TransactionException t = (TransactionException) mapped;
      boolean conflict =
          t.kind() == TransactionException.Kind.TRANSACTION_CONFLICT
              || (t.kind() == TransactionException.Kind.TRANSACTION_CANCELED && t.retryable());
      return conflict ? RetryClass.TRANSACTION_CONFLICT : null;
    }
    if (mapped instanceof ConditionalCheckException
        && ((ConditionalCheckException) mapped).kind()
            == ConditionalCheckException.Kind.TRANSACTION_CONFLICT) {
      return RetryClass.TRANSACTION_CONFLICT;
    }
    return null;
  }

  /** One call's retry state: the attempts made so far. */
  private static final class Token implements RetryToken {
    final String scope;
    final int attempt;

    Token(String scope, int attempt) {
      this.scope = scope;
      this.attempt = attempt;
    }
  }

  /** The SDK's generic builder, which cannot express per-class schedules: returns this strategy. */
  private static final class UnsupportedBuilder
      implements RetryStrategy.Builder<UnsupportedBuilder, DynakitRetryStrategy> {
    private final DynakitRetryStrategy strategy;

    UnsupportedBuilder(DynakitRetryStrategy strategy) {
      this.strategy = strategy;
    }

    @Override
    public UnsupportedBuilder retryOnException(Predicate<Throwable> shouldRetry) {
      throw unsupported("retryOnException");
    }

    @Override
    public UnsupportedBuilder maxAttempts(int maxAttempts) {
      throw unsupported("maxAttempts");
    }

    @Override
    public UnsupportedBuilder backoffStrategy(BackoffStrategy backoffStrategy) {
      throw unsupported("backoffStrategy");
    }

    @Override
    public UnsupportedBuilder throttlingBackoffStrategy(BackoffStrategy backoffStrategy) {
      throw unsupported("throttlingBackoffStrategy");
    }

    @Override
    public UnsupportedBuilder treatAsThrottling(Predicate<Throwable> treatAsThrottling) {
      throw unsupported("treatAsThrottling");
    }

    @Override
    public DynakitRetryStrategy build() {
      return strategy;
    }

    private static UnsupportedOperationException unsupported(String setting) {
      return new UnsupportedOperationException(
          "the dynakit retry strategy is configured with RetrySettings, not " + setting);
    }
  }
}
