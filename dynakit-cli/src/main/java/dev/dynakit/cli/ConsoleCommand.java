package dev.dynakit.cli;

import picocli.CommandLine.Command;

/**
 * {@code dynakit console}: {@code dynakit serve --console}, on the same data ({@code .dynakit/}
 * unless told otherwise) and with the same options; prints {@code console at URL}.
 */
@Command(
    name = "console",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Serve the web console (and DynamoDB's HTTP protocol) until stopped.",
      "Prints 'console at http://HOST:PORT/console/' when ready; Ctrl-C or SIGTERM stops it."
    })
final class ConsoleCommand extends ServeCommand {
  ConsoleCommand(CliContext context) {
    super(context);
  }

  @Override
  boolean consoleWanted() {
    return true;
  }
}
