package dev.dynakit.client.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.errors.PolicyViolationException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbStreamsRequest;

/** Every request class of the SDK jar is classified, and the gate treats it as classified. */
class OperationsTest {
  private static List<Class<?>> requestClasses() throws Exception {
    Path jar = jarOf(DynamoDbRequest.class);
    List<Class<?>> classes = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (String name : Collections.list(file.entries()).stream().map(e -> e.getName()).toList()) {
        if (name.startsWith("software/amazon/awssdk/services/dynamodb/model/")
            && name.endsWith("Request.class")
            && !name.contains("$")) {
          Class<?> type = Class.forName(name.replace('/', '.').replace(".class", ""));
          if ((DynamoDbRequest.class.isAssignableFrom(type)
                  || DynamoDbStreamsRequest.class.isAssignableFrom(type))
              && !Modifier.isAbstract(type.getModifiers())) {
            classes.add(type);
          }
        }
      }
    }
    return classes;
  }

  private static Path jarOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void everyRequestClassOfTheSdkIsClassified() throws Exception {
    List<Class<?>> classes = requestClasses();
    assertThat(classes).hasSizeGreaterThan(50);
    for (Class<?> type : classes) {
      assertThat(Operations.access(Operations.operationOf(type)))
          .as(type.getSimpleName())
          .isNotEqualTo(Operations.Access.UNKNOWN);
    }
  }

  @Test
  void withoutAllowWriteReadsPassAndEveryOtherRequestIsRefused() throws Exception {
    PolicyInterceptor gate = new PolicyInterceptor(Policy.defaults());
    int reads = 0;
    int writes = 0;
    for (Class<?> type : requestClasses()) {
      SdkRequest request = emptyRequest(type);
      String operation = Operations.operationOf(type);
      if (Operations.access(operation) == Operations.Access.WRITE) {
        writes++;
        assertThatThrownBy(() -> gate.check(request))
            .as(operation)
            .isInstanceOfSatisfying(
                PolicyViolationException.class,
                e -> {
                  assertThat(e.kind()).isEqualTo(PolicyViolationException.Kind.WRITE_NOT_ALLOWED);
                  assertThat(e.getMessage()).startsWith(operation + " refused: writes are not");
                  assertThat(e.context().operation()).isEqualTo(operation);
                });
      } else {
        reads++;
        gate.check(request);
      }
    }
    assertThat(writes).isGreaterThanOrEqualTo(28);
    assertThat(reads).isGreaterThanOrEqualTo(30);
    new PolicyInterceptor(Policy.builder().allowWrite(true).build())
        .check(
            emptyRequest(
                Class.forName(DynamoDbRequest.class.getPackageName() + ".DeleteTableRequest")));
  }

  @Test
  void resourcePolicyContributorInsightsAndAccountOperationsAreClassified() {
    for (String write :
        List.of("PutResourcePolicy", "DeleteResourcePolicy", "UpdateContributorInsights")) {
      assertThat(Operations.access(write)).as(write).isEqualTo(Operations.Access.WRITE);
    }
    for (String read :
        List.of(
            "GetResourcePolicy",
            "DescribeContributorInsights",
            "ListContributorInsights",
            "DescribeLimits",
            "DescribeEndpoints")) {
      assertThat(Operations.access(read)).as(read).isEqualTo(Operations.Access.READ);
    }
    PolicyInterceptor readOnly = new PolicyInterceptor(Policy.defaults());
    assertThatThrownBy(
            () ->
                readOnly.check(
                    software.amazon.awssdk.services.dynamodb.model.UpdateContributorInsightsRequest
                        .builder()
                        .tableName("orders")
                        .contributorInsightsAction("ENABLE")
                        .build()))
        .isInstanceOf(PolicyViolationException.class)
        .hasMessage(
            "UpdateContributorInsights on table 'orders' refused: writes are not allowed"
                + " (allow_write=false)");
    assertThatThrownBy(
            () ->
                readOnly.check(
                    software.amazon.awssdk.services.dynamodb.model.DeleteResourcePolicyRequest
                        .builder()
                        .resourceArn("arn:aws:dynamodb:eu-west-1:123456789012:table/orders")
                        .build()))
        .isInstanceOf(PolicyViolationException.class)
        .hasMessage(
            "DeleteResourcePolicy on table 'orders' refused: writes are not allowed"
                + " (allow_write=false)");
    readOnly.check(
        software.amazon.awssdk.services.dynamodb.model.GetResourcePolicyRequest.builder()
            .resourceArn("arn:aws:dynamodb:eu-west-1:123456789012:table/orders")
            .build());
  }

  @Test
  void anOperationTheSdkAddsLaterCountsAsAWrite() {
    assertThat(Operations.access("FutureOperation")).isEqualTo(Operations.Access.UNKNOWN);
    assertThat(Operations.operationOf(String.class)).isEqualTo("String");
  }

  /** A request of no operation this SDK version knows. */
  private static final class FutureOperationRequest extends SdkRequest {
    @Override
    public java.util.Optional<? extends software.amazon.awssdk.core.RequestOverrideConfiguration>
        overrideConfiguration() {
      return java.util.Optional.empty();
    }

    @Override
    public List<software.amazon.awssdk.core.SdkField<?>> sdkFields() {
      return List.of();
    }

    @Override
    public Builder toBuilder() {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void anUnknownRequestNeedsAllowWrite() {
    assertThatThrownBy(
            () -> new PolicyInterceptor(Policy.defaults()).check(new FutureOperationRequest()))
        .isInstanceOf(PolicyViolationException.class)
        .hasMessage("FutureOperation refused: writes are not allowed (allow_write=false)");
    new PolicyInterceptor(Policy.builder().allowWrite(true).allowTables("orders").build())
        .check(new FutureOperationRequest());
  }

  private static SdkRequest emptyRequest(Class<?> type) throws Exception {
    java.lang.reflect.Method builderMethod = type.getMethod("builder");
    Object builder = builderMethod.invoke(null);
    return (SdkRequest) builderMethod.getReturnType().getMethod("build").invoke(builder);
  }
}
