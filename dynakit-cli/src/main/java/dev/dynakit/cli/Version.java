package dev.dynakit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** dynakit's version, from the properties Maven writes at build time. */
final class Version implements IVersionProvider {
  /** The version, such as {@code 0.1.0}. */
  static String number() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The line {@code dynakit version} and {@code --version} print. */
  static String line() {
    return "dynakit "
        + number()
        + " (Java "
        + System.getProperty("java.version")
        + ", "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.arch")
        + ")";
  }

  @Override
  public String[] getVersion() {
    return new String[] {line()};
  }
}
