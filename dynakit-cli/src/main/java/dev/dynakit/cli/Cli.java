package dev.dynakit.cli;

import dev.dynakit.client.policy.AdapterManifest;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Assembles the {@code dynakit} command line in one place: the verb commands (one per adapter verb,
 * {@code batch_get} also as {@code batch-get}), the commands for people, and the handlers that turn
 * errors into one line and an exit code.
 */
final class Cli {
  private static final List<String> ITEM_VERBS = List.of("get", "put", "delete");

  /**
   * The servers, which run for long and need no other command: {@code dynakit serve} and {@code
   * dynakit mcp} start as a command of their own, without reading the adapter's manifest or
   * building the other commands (a few hundred milliseconds of start-up).
   */
  private static final Map<String, Class<?>> SERVERS =
      Map.of("serve", ServeCommand.class, "console", ConsoleCommand.class, "mcp", McpCommand.class);

  private Cli() {}

  /** Runs {@code args} and answers the exit code; output goes to the context's streams. */
  static int run(CliContext context, String... args) {
    boolean server = args.length > 0 && SERVERS.containsKey(args[0]);
    int code =
        server
            ? serverLine(context, args[0]).execute(Arrays.copyOfRange(args, 1, args.length))
            : commandLine(context).execute(args);
    context.out().flush();
    context.err().flush();
    return code;
  }

  /** The whole command tree, reading and writing through {@code context}. */
  static CommandLine commandLine(CliContext context) {
    GlobalOptions options = new GlobalOptions();
    Factory factory = new Factory(context, options);
    CommandLine root = new CommandLine(new RootCommand(context, options), factory);
    // The commands for people; a verb's dashed alias gives way to one of the same name.
    List<CommandLine> people =
        List.of(
            factory.line(CreateTableCommand.class),
            factory.line(DeleteTableCommand.class),
            factory.line(TablesCommand.class),
            factory.line(DescribeCommand.class),
            factory.line(CountCommand.class),
            factory.line(StreamsCommand.class),
            factory.line(BackupCommand.class),
            factory.line(ImportCommand.class),
            factory.line(ExportCommand.class),
            factory.line(CopyCommand.class),
            factory.line(ServeCommand.class),
            factory.line(ConsoleCommand.class),
            factory.line(McpCommand.class),
            factory.line(DemoCommand.class),
            factory.line(VersionCommand.class),
            factory.line(CompletionCommand.class),
            factory.line(TrainArchiveCommand.class));
    java.util.Set<String> taken = new java.util.HashSet<>();
    people.forEach(line -> taken.add(line.getCommandName()));
    AdapterManifest manifest = AdapterManifest.load();
    List<String> verbs = new ArrayList<>(manifest.verbs());
    verbs.addAll(manifest.reservedVerbs());
    for (String verb : verbs) {
      VerbCommand command =
          ITEM_VERBS.contains(verb)
              ? new ItemCommand(context, options, verb)
              : new VerbCommand(context, options, verb);
      CommandLine line = new CommandLine(command, factory);
      line.getCommandSpec()
          .usageMessage()
          .description(
              "The adapter's '"
                  + verb
                  + "' verb"
                  + (manifest.writeVerbs().contains(verb)
                      ? " (a write: needs --allow-write)."
                      : ".")
                  + " Prints its result as JSON (docs/client/verbs.md).");
      String alias = verb.replace('_', '-');
      if (alias.equals(verb) || taken.contains(alias)) {
        root.addSubcommand(verb, line);
      } else {
        root.addSubcommand(verb, line, alias);
      }
    }
    people.forEach(root::addSubcommand);
    root.addSubcommand(new CommandLine.HelpCommand());
    return handled(root, context, options);
  }

  /**
   * A server command alone, named as under the root ({@code dynakit serve}), to run with the
   * arguments after its name.
   */
  private static CommandLine serverLine(CliContext context, String name) {
    GlobalOptions options = new GlobalOptions();
    CommandLine line = new Factory(context, options).line(SERVERS.get(name));
    line.setCommandName("dynakit " + name);
    return handled(line, context, options);
  }

  /** The root with the context's streams and the handlers of failures and usage errors. */
  private static CommandLine handled(CommandLine root, CliContext context, GlobalOptions options) {
    root.setOut(context.out());
    root.setErr(context.err());
    root.setCaseInsensitiveEnumValuesAllowed(true);
    root.setExecutionExceptionHandler(
        (exception, line, parsed) -> {
          Failure failure = Failure.of(exception, line.getCommandSpec().qualifiedName());
          line.getErr().println(failure.line());
          if (options.debug) {
            exception.printStackTrace(line.getErr());
          }
          line.getErr().flush();
          return failure.exitCode().code();
        });
    root.setParameterExceptionHandler(
        (exception, args) -> {
          CommandLine line = exception.getCommandLine();
          line.getErr()
              .println(
                  "dynakit: "
                      + exception.getMessage()
                      + " (see '"
                      + line.getCommandSpec().qualifiedName()
                      + " --help')");
          CommandLine.UnmatchedArgumentException.printSuggestions(exception, line.getErr());
          line.getErr().flush();
          return ExitCode.USAGE.code();
        });
    return root;
  }

  /** Makes commands with the context and the global options their constructors ask for. */
  static final class Factory implements IFactory {
    private final CliContext context;
    private final GlobalOptions options;

    Factory(CliContext context, GlobalOptions options) {
      this.context = context;
      this.options = options;
    }

    CommandLine line(Class<?> command) {
      try {
        return new CommandLine(create(command), this);
      } catch (Exception e) {
        throw new IllegalStateException("cannot make command " + command.getSimpleName(), e);
      }
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        Class<?>[] parameters = constructor.getParameterTypes();
        if (parameters.length == 2
            && parameters[0] == CliContext.class
            && parameters[1] == GlobalOptions.class) {
          return type.cast(constructor.newInstance(context, options));
        }
        if (parameters.length == 1 && parameters[0] == CliContext.class) {
          return type.cast(constructor.newInstance(context));
        }
      }
      return CommandLine.defaultFactory().create(type);
    }
  }
}
