package dev.dynakit.bench;

import static dev.dynakit.bench.SideBySide.format;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The Markdown report of one {@link SideBySide} run. */
final class Report {
  private Report() {}

  static String markdown(
      SideBySide.Config config,
      List<SideBySide.Row> rows,
      List<String> skipped,
      List<SideBySide.Row> http,
      Probe.Startup[][] startups,
      Probe.Memory[] memory,
      String load) {
    StringBuilder out = new StringBuilder();
    Runtime runtime = Runtime.getRuntime();
    out.append("# dynakit-engine vs DynamoDB Local, side by side\n\n");
    out.append(
        format(
            "JVM: %s %s (%s), %d processors, max heap %d MiB.%n",
            System.getProperty("java.vm.name"),
            System.getProperty("java.version"),
            System.getProperty("os.arch"),
            runtime.availableProcessors(),
            runtime.maxMemory() >> 20));
    out.append(format("Load average (1/5/15 min) around the throughput runs: %s.%n", load));
    out.append(
        format(
            "Each workload and thread count: %d ms warm-up per target, then %d rounds of %d ms"
                + " alternating targets; the median round is reported.%n%n",
            config.warmupMillis(), config.rounds(), config.roundMillis()));

    out.append("## Throughput (ops/s, median round)\n\n");
    out.append(
        "| Workload | Threads | dynakit-engine ops/s | DynamoDB Local ops/s | ratio engine/peer |"
            + " engine rounds | peer rounds |\n");
    out.append("|---|---:|---:|---:|---:|---|---|\n");
    for (SideBySide.Row row : rows) {
      out.append(
          format(
              "| %s | %d | %,.0f | %,.0f | %.1f× | %s | %s |%n",
              row.workload(),
              row.threads(),
              row.engine(),
              row.peer(),
              row.ratio(),
              rounds(row.engineRounds()),
              rounds(row.peerRounds())));
    }
    out.append('\n');
    if (skipped.isEmpty()) {
      out.append("Skipped workloads: none.\n\n");
    } else {
      out.append("Skipped workloads:\n\n");
      for (String s : skipped) {
        out.append("- ").append(s).append('\n');
      }
      out.append('\n');
    }

    out.append("## HTTP path: `httpClient()` against the SDK's ceiling (ops/s, median round)\n\n");
    out.append(
        "The same stock SDK client (static credentials, so requests are signed) built on"
            + " `engine.httpClient()`, and on an `SdkHttpClient` that reads the request body and"
            + " answers a response body recorded from the engine for that operation: the SDK's own"
            + " ceiling. Same warm-up and alternating rounds as above.\n\n");
    out.append(
        "| Workload | Threads | SDK on httpClient() ops/s | SDK on canned responses ops/s | share"
            + " of ceiling | httpClient() rounds | canned rounds |\n");
    out.append("|---|---:|---:|---:|---:|---|---|\n");
    for (SideBySide.Row row : http) {
      out.append(
          format(
              "| %s | %d | %,.0f | %,.0f | %.0f%% | %s | %s |%n",
              row.workload(),
              row.threads(),
              row.engine(),
              row.peer(),
              100 * row.ratio(),
              rounds(row.engineRounds()),
              rounds(row.peerRounds())));
    }
    out.append('\n');

    out.append("## Start-up (create target + CreateTable + first PutItem answered)\n\n");
    out.append(
        config.fork()
            ? "Each run in a fresh JVM.\n\n"
            : "Measured in this JVM (--in-process): classes loaded by earlier runs are not paid"
                + " again, so these numbers only show the report works.\n\n");
    out.append(
        "| | dynakit-engine | DynamoDB Local | SDK objects only (floor) |"
            + " ratio peer/engine (engine × faster) |\n");
    out.append("|---|---:|---:|---:|---:|\n");
    double[] create = new double[3];
    double[] uptime = new double[3];
    double[] cpu = new double[3];
    for (int t = 0; t < 3; t++) {
      create[t] = median(startups[t], Probe.Startup::millis);
      uptime[t] = median(startups[t], Probe.Startup::jvmUptimeMillis);
      cpu[t] = median(startups[t], Probe.Startup::cpuMillis);
    }
    startupRow(out, format("create → first answer, ms (median of %d)", startups[0].length), create);
    startupRow(out, "JVM start → first answer, ms", uptime);
    startupRow(out, "CPU time of the process (all threads), JVM start → first answer, ms", cpu);
    double engineOwn = create[0] - create[2];
    double peerOwn = create[1] - create[2];
    out.append(
        format(
            "| above the floor: create → first answer − SDK objects only, ms | %.1f | %.1f | |"
                + " %s |%n%n",
            engineOwn, peerOwn, ratio(peerOwn, engineOwn)));
    out.append(
        "SDK objects only: the same probe on a client that stores nothing and answers with the"
            + " response objects the engine builds. Its time is what the SDK's model classes cost"
            + " the caller's requests and any target's answers; the row above the floor is each"
            + " database's own start-up.\n\n");

    out.append(
        format(
            "## Memory per stored item (%,d items of %d bytes, one PutItem each)%n%n",
            memory[0].items(), memory[0].itemBytes()));
    out.append("| | dynakit-engine | DynamoDB Local | ratio peer/engine |\n");
    out.append("|---|---:|---:|---:|\n");
    out.append(
        format(
            "| Java heap used after GC, before → after (MiB) | %.1f → %.1f | %.1f → %.1f | |%n",
            mib(memory[0].heapBefore()),
            mib(memory[0].heapAfter()),
            mib(memory[1].heapBefore()),
            mib(memory[1].heapAfter())));
    out.append(
        format(
            "| Java heap per item (bytes) | %.0f | %.0f | %s |%n",
            memory[0].heapPerItem(),
            memory[1].heapPerItem(),
            ratio(memory[1].heapPerItem(), memory[0].heapPerItem())));
    out.append(
        format(
            "| Process RSS growth per item (bytes, VmRSS delta) | %.0f | %.0f | %s |%n",
            memory[0].rssPerItem(),
            memory[1].rssPerItem(),
            ratio(memory[1].rssPerItem(), memory[0].rssPerItem())));
    double engineTotal = memory[0].heapPerItem() + memory[0].rssPerItem();
    double peerTotal = memory[1].heapPerItem() + memory[1].rssPerItem();
    out.append(
        format(
            "| heap + RSS growth per item (bytes) | %.0f | %.0f | %s |%n%n",
            engineTotal, peerTotal, ratio(peerTotal, engineTotal)));
    out.append(
        "Heap per item: (used Java heap after loading − used heap before) / items, each read after"
            + " System.gc(); Java objects only. DynamoDB Local keeps its items in SQLite's in-memory"
            + " database, outside the Java heap, so its heap number is near zero. RSS growth per"
            + " item: growth of the process's resident set (/proc/self/status VmRSS) over the same"
            + " load / items. Before the baseline, a tenth as many items are stored, so class"
            + " loading and JIT compilation are not counted as item memory. A ratio is shown only"
            + " where both numbers are positive.");
    out.append(
        config.fork()
            ? " Each target is loaded in a fresh JVM with "
                + String.join(" ", Probe.MEMORY_JVM)
                + ": the whole heap is resident before loading, so RSS growth is memory outside"
                + " the Java heap (SQLite's pages and caches, JIT code, metaspace), and heap + RSS"
                + " growth is the total cost of an item.\n"
            : " Measured in this JVM (--in-process), whose heap may grow while loading, so RSS"
                + " growth here also counts newly committed heap.\n");
    return out.toString();
  }

  /** {@code a / b} as {@code 1.23×}, or a dash where either is not positive (or not known). */
  static String ratio(double a, double b) {
    return a > 0 && b > 0 ? format("%.2f×", a / b) : "—";
  }

  private static String rounds(double[] values) {
    return String.join(
        " ", Arrays.stream(values).mapToObj(v -> format("%,.0f", v)).toArray(String[]::new));
  }

  private static double median(Probe.Startup[] runs, ToDoubleFunction<Probe.Startup> value) {
    return SideBySide.median(Arrays.stream(runs).mapToDouble(value).toArray());
  }

  private static void startupRow(StringBuilder out, String label, double[] millis) {
    out.append(
        format(
            "| %s | %.1f | %.1f | %.1f | %s |%n",
            label, millis[0], millis[1], millis[2], ratio(millis[1], millis[0])));
  }

  private static double mib(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
