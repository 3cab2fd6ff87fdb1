package dev.dynakit.cli;

import dev.dynakit.client.Dynakit;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dynakit streams}: a table's stream; {@code tail} follows it. */
@Command(
    name = "streams",
    mixinStandardHelpOptions = true,
    description = "Read a table's stream (see 'dynakit streams tail --help').",
    subcommands = StreamsCommand.Tail.class)
final class StreamsCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandLine.Model.CommandSpec spec;

  StreamsCommand(CliContext context, GlobalOptions options) {
    this.context = context;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(context.out());
    return ExitCode.OK.code();
  }

  /**
   * {@code dynakit streams tail TABLE}: prints the table's stream records as they come, one JSON
   * object per line (the {@code streams.subscribe} verb's event shape), until {@code --max-events}
   * or {@code --timeout} is reached, or forever.
   */
  @Command(
      name = "tail",
      mixinStandardHelpOptions = true,
      description =
          "Follow a table's stream: one JSON line per change, until --max-events, --timeout or"
              + " Ctrl-C.")
  static final class Tail extends AdapterCommand {
    private static final Duration WAIT = Duration.ofSeconds(1);

    @Parameters(index = "0", paramLabel = "TABLE", description = "The table.")
    String table;

    @Option(
        names = "--from",
        paramLabel = "WHERE",
        description = "latest (default: changes from now on) or trim_horizon (the oldest kept).")
    String from = "latest";

    @Option(
        names = "--events",
        paramLabel = "NAMES",
        split = ",",
        description = "Only these changes: INSERT, MODIFY, REMOVE (comma-separated).")
    List<String> events = new ArrayList<>();

    @Option(names = "--max-events", paramLabel = "N", description = "Stop after N changes.")
    Integer maxEvents;

    @Option(
        names = "--timeout",
        paramLabel = "SECONDS",
        description = "Stop after this many seconds (0: read what is there now, then stop).")
    BigDecimal timeout;

    @Option(names = "--typed", description = "Keys and images in DynamoDB JSON.")
    boolean typed;

    Tail(CliContext context, GlobalOptions options) {
      super(context, options);
    }

    @Override
    void prepare() {
      String where = from.toUpperCase(Locale.ROOT);
      if (!where.equals("LATEST") && !where.equals("TRIM_HORIZON")) {
        throw new UsageException("--from must be latest or trim_horizon");
      }
      from = where;
      if (maxEvents != null && maxEvents < 1) {
        throw new UsageException("--max-events must be at least 1");
      }
      if (timeout != null && timeout.signum() < 0) {
        throw new UsageException("--timeout must not be negative");
      }
    }

    @Override
    ExitCode run(Dynakit dynakit) {
      Instant deadline =
          timeout == null
              ? null
              : context.clock().instant().plusMillis(timeout.movePointRight(3).longValue());
      int printed = 0;
      while (true) {
        Duration wait = WAIT;
        if (deadline != null) {
          Duration left = Duration.between(context.clock().instant(), deadline);
          wait = left.isNegative() ? Duration.ZERO : left.compareTo(WAIT) < 0 ? left : WAIT;
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("table_name", table);
        args.put("shard_iterator_type", from);
        if (!events.isEmpty()) {
          args.put("filter", Map.of("event_names", events));
        }
        args.put("timeout_s", new BigDecimal(wait.toMillis()).movePointLeft(3));
        args.put("max_events", maxEvents == null ? 100 : Math.min(100, maxEvents - printed));
        args.put("typed", typed);
        Map<String, Object> result = dynakit.call("streams.subscribe", args);
        for (Object event : (List<?>) result.get("events")) {
          context.out().println(Json.write(event));
          printed++;
        }
        context.out().flush();
        boolean timedOut = deadline != null && !context.clock().instant().isBefore(deadline);
        if (Boolean.FALSE.equals(result.get("active"))
            || (maxEvents != null && printed >= maxEvents)
            || timedOut) {
          return ExitCode.OK;
        }
      }
    }
  }
}
