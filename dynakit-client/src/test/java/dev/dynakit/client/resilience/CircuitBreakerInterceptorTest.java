package dev.dynakit.client.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** The interceptor's bookkeeping when hooks run in an order the SDK's happy path never takes. */
class CircuitBreakerInterceptorTest {
  @Test
  void aCallIsRecordedOnceEvenIfAFailureFollowsItsSuccess() {
    CircuitBreakerInterceptor interceptor =
        CircuitBreakerInterceptor.create(
            "once", CircuitBreakerSettings.defaults(), Clock.systemUTC());
    ExecutionAttributes attributes = new ExecutionAttributes();

    interceptor.beforeTransmission(null, attributes);
    interceptor.beforeTransmission(null, attributes); // a retry: no second permission
    interceptor.afterExecution(null, attributes);
    interceptor.onExecutionFailure(failed(), attributes);

    CircuitBreaker.Metrics metrics = interceptor.circuitBreaker().getMetrics();
    assertThat(metrics.getNumberOfBufferedCalls()).isEqualTo(1);
    assertThat(metrics.getNumberOfSuccessfulCalls()).isEqualTo(1);
  }

  @Test
  void aFailureOfACallThatNeverTookPermissionIsNotRecorded() {
    CircuitBreakerInterceptor interceptor =
        CircuitBreakerInterceptor.create(
            "none", CircuitBreakerSettings.defaults(), Clock.systemUTC());

    interceptor.onExecutionFailure(failed(), new ExecutionAttributes());

    assertThat(interceptor.circuitBreaker().getMetrics().getNumberOfBufferedCalls()).isZero();
  }

  private static Context.FailedExecution failed() {
    Throwable error =
        DynamoDbException.builder()
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalServerError").build())
            .statusCode(500)
            .build();
    return new Context.FailedExecution() {
      @Override
      public Throwable exception() {
        return error;
      }

      @Override
      public SdkRequest request() {
        return null;
      }

      @Override
      public Optional<SdkHttpRequest> httpRequest() {
        return Optional.empty();
      }

      @Override
      public Optional<SdkHttpResponse> httpResponse() {
        return Optional.empty();
      }

      @Override
      public Optional<SdkResponse> response() {
        return Optional.empty();
      }
    };
  }
}
