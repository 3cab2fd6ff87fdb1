package dev.dynakit.client.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.testing.Adapters;
import dev.dynakit.engine.DynakitEngine;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** The client callers get: SDK failures mapped, everything else as the SDK client does it. */
class ErrorMappingClientTest {
  @Test
  void behavesAsTheSdkClientForEverythingButItsErrors() {
    try (DynakitEngine engine = DynakitEngine.inMemory();
        Dynakit dynakit = Adapters.over(engine.httpClient()).build()) {
      DynamoDbClient sdk = dynakit.sdk();
      Adapters.createTable(sdk, "things", false);
      sdk.putItem(b -> b.tableName("things").item(Map.of("pk", AttributeValue.fromS("a"))));

      assertThat(sdk.scanPaginator(b -> b.tableName("things")).items()).hasSize(1);
      assertThat(sdk.serviceName()).isEqualTo("dynamodb");
      assertThat(sdk).isEqualTo(sdk).isNotEqualTo(engine.client());
      assertThat(sdk.hashCode()).isEqualTo(System.identityHashCode(sdk));
      assertThat(sdk.toString()).startsWith("ErrorMappingClient[").doesNotContain("secret");
    }
  }

  @Test
  void waitersSeeTheSdksOwnErrorsSoTheirAcceptorsMatch() {
    try (DynakitEngine engine = DynakitEngine.inMemory();
        Dynakit dynakit = Adapters.over(engine.httpClient()).build()) {
      DynamoDbClient sdk = dynakit.sdk();
      Adapters.createTable(sdk, "things", false);

      // tableNotExists succeeds on ResourceNotFoundException: mapped, it would fail instead.
      WaiterResponse<DescribeTableResponse> gone =
          sdk.waiter().waitUntilTableNotExists(b -> b.tableName("missing"));
      assertThat(gone.matched().exception())
          .hasValueSatisfying(e -> assertThat(e).isInstanceOf(ResourceNotFoundException.class));
      assertThat(sdk.waiter().waitUntilTableExists(b -> b.tableName("things")).matched().response())
          .hasValueSatisfying(r -> assertThat(r.table().tableStatusAsString()).isEqualTo("ACTIVE"));
      assertThat(gone.attemptsExecuted()).isEqualTo(1);
    }
  }

  @Test
  void aFailureThatIsNotTheSdksPassesUnchanged() {
    IllegalStateException bug = new IllegalStateException("a bug in an interceptor");
    try (DynakitEngine engine = DynakitEngine.inMemory();
        Dynakit dynakit =
            Adapters.over(engine.httpClient())
                .addInterceptor(
                    new ExecutionInterceptor() {
                      @Override
                      public void beforeExecution(
                          Context.BeforeExecution context, ExecutionAttributes attributes) {
                        throw bug;
                      }
                    })
                .build()) {
      assertThat(catchThrowable(() -> dynakit.sdk().listTables())).isSameAs(bug);
    }
  }

  /**
   * Why errors are mapped by a wrapper and not by an interceptor: the SDK refuses a {@code
   * modifyException} that changes the exception's class. If a later SDK allows it, this fails, and
   * the wrapper can give way to an interceptor.
   */
  @Test
  void theSdkRefusesAnInterceptorThatChangesTheExceptionClass() {
    try (DynakitEngine engine = DynakitEngine.inMemory();
        DynamoDbClient raw =
            DynamoDbClient.builder()
                .httpClient(engine.httpClient())
                .endpointOverride(URI.create("http://localhost:8000"))
                .region(Region.EU_WEST_1)
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
                .overrideConfiguration(
                    o ->
                        o.addExecutionInterceptor(
                            new ExecutionInterceptor() {
                              @Override
                              public Throwable modifyException(
                                  Context.FailedExecution context, ExecutionAttributes attributes) {
                                return ErrorMapper.map(context.exception(), "DescribeTable", null);
                              }
                            }))
                .build()) {
      Throwable e = catchThrowable(() -> raw.describeTable(b -> b.tableName("missing")));

      assertThat(e)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("from its modifyException method");
    }
  }
}
