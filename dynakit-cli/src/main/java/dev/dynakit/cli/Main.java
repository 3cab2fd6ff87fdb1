package dev.dynakit.cli;

/**
 * The {@code dynakit} command's entry point, the runnable jar's Main-Class.
 *
 * <pre>{@code
 * java -jar dynakit.jar get --args '{"table": "Music", "key": {"Artist": "x", "SongTitle": "y"}}'
 * }</pre>
 *
 * <p>Exit codes are listed in {@code docs/cli.md}.
 */
public final class Main {
  private Main() {}

  /** Runs the command line {@code args} and exits with the command's exit code. */
  public static void main(String[] args) {
    System.exit(Cli.run(CliContext.system(), args));
  }
}
