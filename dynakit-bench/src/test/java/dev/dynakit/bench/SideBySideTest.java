package dev.dynakit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** Smoke tests: the harness runs on both targets and reports every workload; no numbers checked. */
class SideBySideTest {

  @Test
  void tinyRunReportsEveryWorkloadWithRatios() {
    SideBySide.Config tiny = new SideBySide.Config(20, 2, 30, List.of(1, 2), 300, 1, false);
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    String report = SideBySide.run(tiny, new PrintStream(progress, true, StandardCharsets.UTF_8));

    assertThat(report)
        .contains("## Throughput", "## Start-up", "## Memory per stored item")
        .contains("dynakit-engine", "DynamoDB Local", "ratio engine/peer", "Load average");
    String throughput = report.substring(0, report.indexOf("## HTTP path"));
    for (Workload workload : Workload.all()) {
      // Every workload is either measured (a row with a ratio per thread count) or noted as
      // skipped.
      boolean measured =
          throughput.lines().anyMatch(l -> l.startsWith("| " + workload.name() + " | 1 |"))
              && throughput.lines().anyMatch(l -> l.startsWith("| " + workload.name() + " | 2 |"));
      boolean skipped =
          throughput.lines().anyMatch(l -> l.startsWith("- " + workload.name() + " (needs "));
      assertThat(measured ^ skipped).as(workload.name() + " measured xor skipped").isTrue();
      if (measured) {
        assertThat(
                throughput
                    .lines()
                    .filter(l -> l.startsWith("| " + workload.name() + " |"))
                    .allMatch(l -> l.matches(".*\\| [0-9.]+× \\|.*")))
            .isTrue();
      }
    }
    for (String workload : List.of("GetItem", "PutItem", "UpdateItem", "Query")) {
      assertThat(report).containsPattern("\\| " + workload + " \\| 1 \\|.*×");
    }
    assertThat(report).containsPattern("create → first answer.*\\| [0-9.]+× \\|");
    assertThat(report)
        .contains("SDK objects only (floor)")
        .containsPattern("\\| above the floor: .* \\| -?[0-9.]+ \\| -?[0-9.]+ \\| \\|");
    assertThat(report).contains("## HTTP path");
    for (String workload : HttpCeiling.WORKLOADS) {
      for (int threads : List.of(1, 2)) {
        assertThat(report)
            .containsPattern("\\| " + workload + " \\| " + threads + " \\| .*\\| [0-9]+% \\|");
      }
    }
    assertThat(report).containsPattern("\\| Java heap per item \\(bytes\\) \\| -?[0-9]+ \\|");
    assertThat(report).containsPattern("\\| Process RSS growth per item .* \\| -?[0-9]+ \\|");
  }

  @Test
  void forkedProbeAnswersStartup() {
    Probe.Startup startup = Probe.forkStartup(Target.ENGINE);
    assertThat(startup.millis()).isPositive();
    assertThat(startup.jvmUptimeMillis()).isGreaterThanOrEqualTo(startup.millis());
  }

  /**
   * The floor builds the objects the engine answers with: for the start-up probe's table, the same
   * fields of the table description are set, each with a value of the same class.
   */
  @Test
  void sdkOnlyClientAnswersWithWhatTheEngineBuilds() {
    Map<String, String> engine;
    try (Target.Running running = Target.ENGINE.start()) {
      Items.createTable(running.client(), "floor");
      engine = fieldsSet(running.client().describeTable(b -> b.tableName("floor")).table());
      assertThat(
              running
                  .client()
                  .putItem(b -> b.tableName("floor").item(Items.item("p", "s")))
                  .sdkFields()
                  .size())
          .isEqualTo(PutItemResponse.builder().build().sdkFields().size());
    }
    SdkOnlyClient floor = new SdkOnlyClient();
    Map<String, String> sdkOnly = new TreeMap<>();
    Items.createTable(
        new DynamoDbClient() {
          @Override
          public CreateTableResponse createTable(CreateTableRequest request) {
            CreateTableResponse response = floor.createTable(request);
            sdkOnly.putAll(fieldsSet(response.tableDescription()));
            return response;
          }

          @Override
          public String serviceName() {
            return SERVICE_NAME;
          }

          @Override
          public void close() {}
        },
        "floor");
    assertThat(sdkOnly).isEqualTo(engine);
    assertThat(floor.putItem(b -> b.tableName("floor").item(Items.item("p", "s"))).attributes())
        .isEmpty();
    assertThat(floor.serviceName()).isEqualTo("dynamodb");
  }

  private static Map<String, String> fieldsSet(TableDescription description) {
    Map<String, String> set = new TreeMap<>();
    for (SdkField<?> field : description.sdkFields()) {
      Object value = field.getValueOrDefault(description);
      if (value != null && !(value instanceof SdkAutoConstructList<?>)) {
        set.put(field.memberName(), value.getClass().getSimpleName());
      }
    }
    return set;
  }

  @Test
  void probeMainPrintsOneResultLine() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Probe.run(
        new String[] {"memory", "ENGINE", "50"},
        new PrintStream(out, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).startsWith(Forks.RESULT + " 50 ");
    assertThat(text.trim().split(" ")).hasSize(7);
    assertThatThrownBy(() -> Probe.run(new String[] {"nothing", "ENGINE"}, System.out))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void argumentsChooseTheRun() {
    assertThat(SideBySide.Config.parse()).isEqualTo(SideBySide.Config.FULL);
    SideBySide.Config quick = SideBySide.Config.parse("--quick", "--in-process", "");
    assertThat(quick.rounds()).isEqualTo(SideBySide.Config.QUICK.rounds());
    assertThat(quick.fork()).isFalse();
    assertThatThrownBy(() -> SideBySide.Config.parse("--slow"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rssIsReadFromProcStatusOrUnknown(@TempDir Path dir) throws Exception {
    Path status = dir.resolve("status");
    Files.writeString(status, "Name:\tjava\nVmRSS:\t  2048 kB\n");
    assertThat(Probe.rss(status)).isEqualTo(2048 * 1024);
    Files.writeString(status, "Name:\tjava\n");
    assertThat(Probe.rss(status)).isEqualTo(-1);
    assertThat(Probe.rss(dir.resolve("missing"))).isEqualTo(-1);
  }

  @Test
  void ratioOnlyOfPositiveNumbers() {
    assertThat(Report.ratio(3, 2)).isEqualTo("1.50×");
    assertThat(Report.ratio(-4, 335)).isEqualTo("—");
    assertThat(Report.ratio(Double.NaN, 1)).isEqualTo("—");
  }

  @Test
  void loadAverageIsReadOrUnknown(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("loadavg");
    Files.writeString(file, "0.52 1.10 2.00 1/200 3000\n");
    assertThat(SideBySide.loadAverage(file)).isEqualTo("0.52 1.10 2.00");
    assertThat(SideBySide.loadAverage(dir.resolve("missing"))).isEqualTo("unknown");
  }

  @Test
  void medianOfOddAndEven() {
    assertThat(SideBySide.median(new double[] {3, 1, 2})).isEqualTo(2);
    assertThat(SideBySide.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
  }
}
