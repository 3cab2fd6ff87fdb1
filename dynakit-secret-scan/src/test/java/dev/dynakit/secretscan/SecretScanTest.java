package dev.dynakit.secretscan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EventConditions;
import org.junit.platform.testkit.engine.Events;
import org.junit.platform.testkit.engine.TestExecutionResultConditions;

/** The scan finds a secret wherever and however it appears, and only there. */
class SecretScanTest {
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCY";

  @Test
  void aSecretIsFoundAsItIsAndInEveryEncodingAtAnyOffset() {
    byte[] bytes = SECRET.getBytes(StandardCharsets.UTF_8);
    List<String> leaks =
        List.of(
            "key=" + SECRET,
            "key=" + URLEncoder.encode(SECRET, StandardCharsets.UTF_8),
            "hex " + HexFormat.of().formatHex(bytes),
            "HEX " + HexFormat.of().formatHex(bytes).toUpperCase(java.util.Locale.ROOT),
            "Basic " + Base64.getEncoder().encodeToString(("user:" + SECRET).getBytes()),
            "b64 " + Base64.getEncoder().encodeToString(("u:" + SECRET + "!").getBytes()),
            "b64 " + Base64.getEncoder().encodeToString(("id:" + SECRET).getBytes()),
            "url " + Base64.getUrlEncoder().encodeToString(("x" + SECRET).getBytes()));
    for (String leak : leaks) {
      SecretScan scan = new SecretScan(List.of(SECRET));
      scan.text("response", leak);
      assertThat(scan.findings()).as(leak).hasSize(1);
      assertThat(scan.findings().get(0)).startsWith("response: ").doesNotContain(SECRET);
    }
  }

  @Test
  void textWithoutTheSecretIsCountedButNotFound() {
    SecretScan scan = new SecretScan(List.of(SECRET));
    scan.text("log line", "signing with **** for AKIDEXAMPLE");
    scan.text("log line", null);
    scan.string(List.of("a", "b"));
    assertThat(scan.findings()).isEmpty();
    assertThat(scan.scanned()).containsEntry("log line", 2L).containsEntry("toString", 1L);
  }

  @Test
  void aShortSecretIsSearchedForOnlyAsItIs() {
    assertThat(SecretScan.forms("abc")).containsExactly("abc");
    assertThat(SecretScan.forms(SECRET)).hasSizeGreaterThan(5);
    assertThatThrownBy(() -> new SecretScan(List.of("")))
        .hasMessage("a secret to scan for must not be empty");
  }

  @Test
  void exceptionsAreScannedWithTheirCauses() {
    SecretScan scan = new SecretScan(List.of(SECRET));
    scan.throwable(new IllegalStateException("outer", new RuntimeException("inner " + SECRET)));
    assertThat(scan.findings()).hasSize(1);
    assertThat(scan.scanned()).containsEntry("exception", 1L);
  }

  @Test
  void metersAreScannedByNameAndTags() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    registry.counter("calls", "table", "orders").increment();
    registry.counter("calls", "key", SECRET).increment();
    SecretScan scan = new SecretScan(List.of(SECRET)).meters(registry);
    assertThat(scan.scanned()).containsEntry("meter", 2L);
    assertThat(scan.findings()).hasSize(1);
    assertThatThrownBy(() -> scan.meters("no registry"))
        .hasMessage("not a Micrometer MeterRegistry: no registry");
  }

  @Test
  void spansAreScannedWithTheirAttributes() {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    SdkTracerProvider tracer =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    Span ok = tracer.get("test").spanBuilder("GetItem").startSpan();
    ok.setAttribute("db.system", "dynamodb");
    ok.end();
    Span leaking = tracer.get("test").spanBuilder("PutItem").startSpan();
    leaking.addEvent("retry " + SECRET);
    leaking.end();
    SecretScan scan = new SecretScan(List.of(SECRET)).spans(exporter.getFinishedSpanItems());
    tracer.close();
    assertThat(scan.scanned()).containsEntry("span", 2L);
    assertThat(scan.findings()).hasSize(1);
    assertThatThrownBy(() -> scan.spans(List.of("no span")))
        .hasMessage("not an OpenTelemetry SpanData: no span");
  }

  /** A class whose tests emit the secret each way; run through the extension by the test kit. */
  @ScanForSecrets(SECRET)
  static class Leaking {
    @Test
    void logsIt() {
      Logger.getLogger("leaking").warning("the key is " + SECRET);
    }

    @Test
    void logsItWithLogback() {
      org.slf4j.LoggerFactory.getLogger("leaking").info("the key is {}", SECRET);
    }

    @Test
    void printsIt() {
      System.out.println("key: " + SECRET);
    }

    @Test
    void throwsIt() {
      throw new IllegalArgumentException("bad key " + SECRET);
    }

    @Test
    void addsOneAndHandsOverAResponse(SecretScan scan) {
      scan.secret("another-secret-value");
      scan.text("response", "{\"token\":\"another-secret-value\"}");
    }
  }

  @ScanForSecrets(SECRET)
  static class Clean {
    @Test
    void logsAndPrintsNoSecret(SecretScan scan) {
      Logger.getLogger("clean").info("signed with ****");
      org.slf4j.LoggerFactory.getLogger("clean").info("signed with {}", "****");
      System.out.println("done");
      scan.text("response", "{}");
    }
  }

  static class NotAnnotated {
    @Test
    void asksForAScan(SecretScan scan) {}
  }

  @Test
  void aClassThatEmitsTheSecretFailsNamingEveryPlaceButNotTheSecret() throws Exception {
    Events classes =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(Leaking.class))
            .execute()
            .containerEvents();
    classes
        .assertThatEvents()
        .haveExactly(
            1,
            EventConditions.event(
                EventConditions.container(Leaking.class),
                EventConditions.finishedWithFailure(
                    TestExecutionResultConditions.message(
                        m ->
                            m.contains("log line: INFO leaking - the key is <secret>")
                                && m.contains("WARNING: the key is <secret>")
                                && m.contains("output line: key: <secret>")
                                && m.contains("exception: ")
                                && m.contains("response: {\"token\":\"<secret>\"}")
                                && !m.contains(SECRET)))));
    String report =
        Files.readString(SecretScanExtension.REPORTS.resolve(Leaking.class.getName() + ".txt"));
    assertThat(report).contains("findings=5");
  }

  @Test
  void aCleanClassPassesAndItsCountsAreWritten() throws Exception {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(Clean.class))
        .execute()
        .allEvents()
        .assertThatEvents()
        .doNotHave(EventConditions.finishedWithFailure());
    String report =
        Files.readString(SecretScanExtension.REPORTS.resolve(Clean.class.getName() + ".txt"));
    assertThat(report).contains("log line=2", "output line=1", "response=1", "findings=0");
  }

  @Test
  void aScanIsGivenOnlyToAnnotatedClasses() {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(NotAnnotated.class))
        .execute()
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            EventConditions.finishedWithFailure(
                TestExecutionResultConditions.message(
                    m -> m.contains("No ParameterResolver registered"))));
  }
}
