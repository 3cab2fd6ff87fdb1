package dev.dynakit.client.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.client.errors.AuthenticationException;
import dev.dynakit.client.errors.CircuitOpenException;
import dev.dynakit.client.errors.ConditionalCheckException;
import dev.dynakit.client.errors.ErrorContext;
import dev.dynakit.client.errors.RequestValidationException;
import dev.dynakit.client.errors.ServiceException;
import dev.dynakit.client.errors.ThroughputException;
import dev.dynakit.client.observability.ErrorTypes.Category;
import dev.dynakit.secretscan.ScanForSecrets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

@ScanForSecrets(Fixture.SECRET + "observability-secret-key")
class ErrorTypesTest {
  private static final ErrorContext SERVICE_SAID =
      new ErrorContext("GetItem", "things", "rid", "ProvisionedThroughputExceededException", 400);

  @Test
  void theAdaptersErrorsAreNamedByTheirAwsCodeElseTheirClass() {
    ThroughputException throttled =
        new ThroughputException(
            ThroughputException.Kind.PROVISIONED_THROUGHPUT_EXCEEDED,
            "m",
            SERVICE_SAID,
            true,
            null);
    CircuitOpenException open =
        new CircuitOpenException(
            CircuitOpenException.Kind.OPEN, "m", ErrorContext.local("GetItem", "t"), false, null);

    assertThat(ErrorTypes.errorType(throttled)).isEqualTo("ProvisionedThroughputExceededException");
    assertThat(ErrorTypes.category(throttled)).isEqualTo(Category.THROTTLING);
    assertThat(ErrorTypes.errorType(open)).isEqualTo("CircuitOpenException");
    assertThat(ErrorTypes.category(open)).isEqualTo(Category.REFUSED);
  }

  @Test
  void theAdaptersCategoriesDecideHowAnErrorIsReported() {
    ErrorContext local = ErrorContext.local("GetItem", "t");
    assertThat(
            ErrorTypes.category(
                new AuthenticationException(
                    AuthenticationException.Kind.TOKEN_EXPIRED, "m", local, false, null)))
        .isEqualTo(Category.AUTHENTICATION);
    assertThat(
            ErrorTypes.category(
                new ServiceException(ServiceException.Kind.TIMEOUT, "m", local, true, null)))
        .isEqualTo(Category.SERVICE);
    assertThat(
            ErrorTypes.category(
                new ConditionalCheckException(
                    ConditionalCheckException.Kind.CONDITION_FAILED, "m", local, false, null)))
        .isEqualTo(Category.CONDITIONAL_CHECK);
    assertThat(
            ErrorTypes.category(
                new RequestValidationException(
                    RequestValidationException.Kind.INVALID_KEY, "m", local, false, null)))
        .isEqualTo(Category.CLIENT);
  }

  @Test
  void sdkErrorsAreSortedByCodeAndStatus() {
    assertThat(ErrorTypes.category(aws("ExpiredTokenException", 400)))
        .isEqualTo(Category.AUTHENTICATION);
    assertThat(ErrorTypes.category(aws("RequestLimitExceeded", 400)))
        .isEqualTo(Category.THROTTLING);
    assertThat(ErrorTypes.category(aws("SomethingNew", 502))).isEqualTo(Category.SERVICE);
    assertThat(ErrorTypes.category(aws("ValidationException", 400))).isEqualTo(Category.CLIENT);
    assertThat(ErrorTypes.category(ApiCallTimeoutException.create(1000)))
        .isEqualTo(Category.SERVICE);
    assertThat(ErrorTypes.errorType(ApiCallTimeoutException.create(1000)))
        .isEqualTo("ApiCallTimeoutException");
    assertThat(
            ErrorTypes.errorType(new IllegalStateException("x", aws("ThrottlingException", 400))))
        .as("a wrapped service error is named by its code")
        .isEqualTo("ThrottlingException");
  }

  @Test
  void errorCodesAreReadFromBothHeaderAndBodyForms() {
    assertThat(ErrorTypes.codeFromType("com.amazonaws.dynamodb.v20120810#ThrottlingException"))
        .isEqualTo("ThrottlingException");
    assertThat(ErrorTypes.codeFromType("ThrottlingException:http://internal.amazon.com/"))
        .isEqualTo("ThrottlingException");
    assertThat(ErrorTypes.codeFromType("")).isNull();
    assertThat(ErrorTypes.codeFromType(null)).isNull();
  }

  private static AwsServiceException aws(String code, int status) {
    return AwsServiceException.builder()
        .statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("m").build())
        .build();
  }
}
