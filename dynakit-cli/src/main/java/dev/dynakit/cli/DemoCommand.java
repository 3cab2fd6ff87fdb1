package dev.dynakit.cli;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.policy.Policy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code dynakit demo}: a tour of what dynakit is for, on a fresh in-memory engine, whatever the
 * global options say; nothing is kept. See {@link Demo}.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "A short tour on an in-memory engine: a table with an index, queries, a refused"
            + " condition, a transaction, a batch, optimistic locking, and the metrics recorded.")
final class DemoCommand implements Callable<Integer> {
  private final CliContext context;

  DemoCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Dynakit dynakit =
        Dynakit.builder()
            .endpoint("embedded:")
            .environment(Map.of())
            .clock(context.clock())
            .policy(Policy.builder().allowWrite(true).build())
            .meterRegistry(registry)
            .build()) {
      new Demo(dynakit, registry, context.out()).run();
    }
    context.out().flush();
    return ExitCode.OK.code();
  }
}
