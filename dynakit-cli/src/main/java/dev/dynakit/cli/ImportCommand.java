package dev.dynakit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "import", mixinStandardHelpOptions = true)
final class ImportCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return 0;
  }
}
