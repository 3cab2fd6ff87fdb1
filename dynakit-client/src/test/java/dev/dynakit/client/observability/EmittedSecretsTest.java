package dev.dynakit.client.observability;

import static dev.dynakit.client.observability.Fixture.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.credentials.Credentials;
import dev.dynakit.client.credentials.Secret;
import dev.dynakit.client.policy.Policy;
import dev.dynakit.secretscan.ScanForSecrets;
import dev.dynakit.secretscan.SecretScan;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The adapter's secrets never reach what it emits: log events, metrics, spans, exceptions and
 * {@code toString()}s, through successful, failing, retried and policy-denied calls, with long-term
 * keys and with session credentials. {@link ScanForSecrets} captures the logs; each test hands over
 * the rest.
 */
@ScanForSecrets({
  EmittedSecretsTest.SESSION_SECRET,
  EmittedSecretsTest.SESSION_TOKEN,
  Fixture.SECRET + "observability-secret-key"
})
class EmittedSecretsTest {
  static final String SESSION_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYsessionKEY";
  static final String SESSION_TOKEN = "FwoGZXIvYXdzEBYaDH7sessiontokenAAAAxyz0123456789";

  @RegisterExtension static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

  private final Fixture fixture = new Fixture();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @AfterEach
  void scanMetricsAndSpans(SecretScan scan) {
    scan.meters(registry).spans(OTEL.getSpans());
    fixture.close();
  }

  private Dynakit.Builder adapter() {
    return Dynakit.builder()
        .endpoint("http://localhost:8000")
        .region("eu-west-1")
        .environment(Map.of("DYNAKIT_ALLOW_WRITE", "true"))
        .httpClient(fixture.http)
        .meterRegistry(registry)
        .openTelemetry(OTEL.getOpenTelemetry());
  }

  @Test
  void successfulAndFailingCallsWithStaticKeys(SecretScan scan) {
    Dynakit.Builder builder = adapter().credentials(Fixture.CREDENTIALS);
    try (Dynakit dynakit = builder.build()) {
      DynamoDbClient sdk = dynakit.sdk();
      sdk.putItem(b -> b.tableName("things").item(Map.of("id", s("a"))));
      scan.string(sdk.getItem(b -> b.tableName("things").key(Map.of("id", s("a")))));
      assertThatThrownBy(() -> sdk.getItem(b -> b.tableName("missing").key(Map.of("id", s("a")))))
          .satisfies(scan::throwable);
      fixture.http.fail(400, "UnrecognizedClientException");
      assertThatThrownBy(() -> sdk.listTables()).satisfies(scan::throwable);
      scan.string(builder).string(dynakit).string(sdk).string(Fixture.CREDENTIALS);
    }
    assertThat(registry.getMeters()).isNotEmpty();
    assertThat(OTEL.getSpans()).isNotEmpty();
  }

  @Test
  void sessionCredentialsThroughRetriedCalls(SecretScan scan) {
    Credentials credentials =
        Credentials.staticKeys("ASIASESSION", Secret.of(SESSION_SECRET), Secret.of(SESSION_TOKEN));
    scan.string(credentials);
    try (Dynakit dynakit = adapter().credentials(credentials).build()) {
      fixture.http.fail(500, "InternalServerError").fail(503, "ServiceUnavailable");
      scan.string(dynakit.sdk().listTables());
    }
    StaticCredentialsProvider session =
        StaticCredentialsProvider.create(
            AwsSessionCredentials.create("ASIASESSION", SESSION_SECRET, SESSION_TOKEN));
    try (DynamoDbClient retrying =
        fixture.retryingClient(registry, OTEL.getOpenTelemetry(), 2, null)) {
      fixture.http.fail(500, "InternalServerError").fail(500, "InternalServerError");
      assertThatThrownBy(retrying::listTables).satisfies(scan::throwable);
      scan.string(retrying);
    }
    scan.string(session);
    assertThat(fixture.http.requests()).isNotEmpty();
  }

  @Test
  void aCallThePolicyDenies(SecretScan scan) {
    try (Dynakit dynakit =
        adapter()
            .environment(Map.of())
            .credentials(
                Credentials.staticKeys(
                    "ASIASESSION", Secret.of(SESSION_SECRET), Secret.of(SESSION_TOKEN)))
            .policy(Policy.defaults())
            .build()) {
      assertThatThrownBy(
              () -> dynakit.sdk().putItem(b -> b.tableName("things").item(Map.of("id", s("b")))))
          .satisfies(scan::throwable)
          .hasMessageContaining("PutItem");
      scan.string(dynakit.policy());
    }
  }
}
