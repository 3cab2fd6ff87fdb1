package dev.dynakit.bench;

/**
 * The command line of a benchmark that measures start-up in fresh processes: {@code --quick} for a
 * short run, {@code --in-process} to measure start-up here instead of in child processes.
 *
 * @param quick whether the short configuration was asked for
 * @param fork whether start-up is measured in child processes (no {@code --in-process})
 */
record RunFlags(boolean quick, boolean fork) {

  /** The flags in {@code args}; anything else is an {@link IllegalArgumentException} naming it. */
  static RunFlags parse(String... args) {
    boolean quick = false;
    boolean fork = true;
    for (String arg : args) {
      switch (arg) {
        case "--quick" -> quick = true;
        case "--in-process" -> fork = false;
        case "" -> {}
        default ->
            throw new IllegalArgumentException(
                "unknown argument " + arg + "; use --quick and/or --in-process");
      }
    }
    return new RunFlags(quick, fork);
  }
}
