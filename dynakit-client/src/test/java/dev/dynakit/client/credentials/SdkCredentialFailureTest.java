package dev.dynakit.client.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.dynakit.client.errors.AuthenticationException;
import dev.dynakit.engine.DynakitEngine;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class SdkCredentialFailureTest {
  private static final AwsCredentialsProvider FAILING =
      new Guarded(
          "a test source",
          List.of(),
          null,
          () ->
              () -> {
                throw SdkClientException.create("nothing there");
              });

  /**
   * The SDK hands an exception from the credentials provider to the caller as it is (not wrapped in
   * an {@code SdkClientException}): the adapter needs no interceptor to unwrap it. This fails if an
   * SDK upgrade changes that.
   */
  @Test
  void theSdkHandsTheCallerTheProvidersAuthenticationErrorAsItIs() {
    try (DynakitEngine engine = DynakitEngine.inMemory();
        DynamoDbClient sdk =
            DynamoDbClient.builder()
                .httpClient(engine.httpClient())
                .endpointOverride(URI.create("http://localhost:8000"))
                .region(Region.EU_WEST_1)
                .credentialsProvider(FAILING)
                .build()) {
      assertThat(catchThrowable(sdk::listTables))
          .isInstanceOf(AuthenticationException.class)
          .hasMessage("no credentials: tried a test source (nothing there)");
    }
  }
}
