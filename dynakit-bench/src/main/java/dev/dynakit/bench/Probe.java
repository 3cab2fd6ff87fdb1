package dev.dynakit.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one-shot measurements: start-up and memory per stored item. {@link SideBySide} runs each in a
 * fresh JVM ({@link #main}) so one target's classes, JIT and heap never count for the other.
 */
final class Probe {
  /**
   * The memory probe's JVM: a fixed heap, committed and touched at start, so the RSS growth while
   * loading is memory outside the Java heap (for DynamoDB Local, mostly SQLite's) and the heap
   * growth is measured separately.
   */
  static final List<String> MEMORY_JVM = List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch");

  private Probe() {}

  /**
   * Start-up: milliseconds from creating the target to the answer of its first PutItem (create
   * target, CreateTable, PutItem), and the JVM's uptime at that answer.
   */
  record Startup(double millis, double jvmUptimeMillis, double cpuMillis) {}

  /** Memory before and after storing {@code items} items; -1 where the OS does not tell RSS. */
  record Memory(
      int items, int itemBytes, long heapBefore, long heapAfter, long rssBefore, long rssAfter) {
    double heapPerItem() {
      return (double) (heapAfter - heapBefore) / items;
    }

    double rssPerItem() {
      return rssBefore < 0 || rssAfter < 0 ? Double.NaN : (double) (rssAfter - rssBefore) / items;
    }
  }

  static Startup startup(Target target) {
    long begin = System.nanoTime();
    try (Target.Running running = target.start()) {
      Items.createTable(running.client(), "startup");
      running.client().putItem(b -> b.tableName("startup").item(Items.item("p000000", "s00")));
      double millis = (System.nanoTime() - begin) / 1e6;
      // Read after the answer, so nothing of it counts in the time above.
      return new Startup(millis, ManagementFactory.getRuntimeMXBean().getUptime(), cpuMillis());
    }
  }

  static Memory memory(Target target, int items) {
    try (Target.Running running = target.start()) {
      Items.createTable(running.client(), "memory");
      // A tenth as many items first, so classes are loaded and PutItem is compiled before the
      // baseline: the growth measured is the items', not the JIT's.
      for (int i = 0; i <= items / 10; i++) {
        String pk = Items.partition("w", i);
        running.client().putItem(b -> b.tableName("memory").item(Items.item(pk, "s00")));
      }
      long heapBefore = usedHeapAfterGc();
      long rssBefore = rss();
      for (int i = 0; i < items; i++) {
        String pk = Items.partition("m", i);
        running.client().putItem(b -> b.tableName("memory").item(Items.item(pk, "s00")));
      }
      long heapAfter = usedHeapAfterGc();
      long rssAfter = rss();
      // Still reachable, and still there.
      boolean kept =
          running
              .client()
              .getItem(b -> b.tableName("memory").key(Items.key(Items.partition("m", 0), "s00")))
              .hasItem();
      if (!kept) {
        throw new IllegalStateException("the loaded items are gone");
      }
      int itemBytes = Items.size(Items.item(Items.partition("m", 0), "s00"));
      return new Memory(items, itemBytes, heapBefore, heapAfter, rssBefore, rssAfter);
    }
  }

  /**
   * CPU time this process has used since it started, all threads (also those that have ended), in
   * ms; -1 where the JVM does not tell.
   */
  static double cpuMillis() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      long nanos = os.getProcessCpuTime();
      return nanos < 0 ? -1 : nanos / 1e6;
    }
    return -1;
  }

  /** Used heap ({@code totalMemory - freeMemory}) after asking for full collections. */
  static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }

  /** This process's resident set size in bytes, from {@code /proc/self/status}; -1 if unknown. */
  static long rss() {
    return rss(Path.of("/proc/self/status"));
  }

  static long rss(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          String kb = line.substring("VmRSS:".length()).replace("kB", "").trim();
          return Long.parseLong(kb) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /**
   * The child JVM's work: {@code startup TARGET} or {@code memory TARGET ITEMS}, one result line.
   */
  static void run(String[] args, PrintStream out) {
    Target target = Target.valueOf(args[1]);
    switch (args[0]) {
      case "startup" -> {
        Startup s = startup(target);
        out.println(Forks.line(s.millis(), s.jvmUptimeMillis(), s.cpuMillis()));
      }
      case "memory" -> {
        Memory m = memory(target, Integer.parseInt(args[2]));
        out.println(
            Forks.line(
                m.items(),
                m.itemBytes(),
                m.heapBefore(),
                m.heapAfter(),
                m.rssBefore(),
                m.rssAfter()));
      }
      default -> throw new IllegalArgumentException("unknown probe: " + args[0]);
    }
    out.flush();
  }

  public static void main(String[] args) {
    run(args, System.out);
    // DynamoDB Local may leave non-daemon threads behind.
    System.exit(0);
  }

  /** Runs a probe in a fresh JVM on this JVM's class path and answers its result line's fields. */
  static String[] fork(List<String> jvmOptions, String... args) {
    return Forks.result(Probe.class, jvmOptions, args);
  }

  static Startup forkStartup(Target target) {
    String[] f = fork(List.of(), "startup", target.name());
    return new Startup(
        Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
  }

  static Memory forkMemory(Target target, int items) {
    String[] f = fork(MEMORY_JVM, "memory", target.name(), Integer.toString(items));
    return new Memory(
        Integer.parseInt(f[0]),
        Integer.parseInt(f[1]),
        Long.parseLong(f[2]),
        Long.parseLong(f[3]),
        Long.parseLong(f[4]),
        Long.parseLong(f[5]));
  }
}
