package dev.dynakit.mcp;

import dev.dynakit.client.credentials.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Where the HTTP server's bearer token comes from, in order: the options, the environment variable
 * {@code DYNAKIT_MCP_TOKEN}, the token file. On a loopback address with none of these, a new token
 * (256 random bits) is made and kept in the token file, readable by its owner only. A non-loopback
 * address without a token refuses to start.
 */
final class Tokens {
  static final String FROM_OPTIONS = "the options";

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A token and where it came from ({@code source} never holds the token). */
  static final class Token {
    final Secret secret;
    final String source;
    final boolean generated;

    Token(Secret secret, String source, boolean generated) {
      this.secret = secret;
      this.source = source;
      this.generated = generated;
    }
  }

  private Tokens() {}

  static Token resolve(McpOptions options, boolean loopback) {
    if (options.token().isPresent()) {
      return new Token(options.token().get(), FROM_OPTIONS, false);
    }
    String fromEnvironment = options.environment().get(McpOptions.TOKEN_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return new Token(Secret.of(fromEnvironment.strip()), McpOptions.TOKEN_VARIABLE, false);
    }
    Path file = options.tokenFile();
    if (Files.exists(file)) {
      return new Token(read(file), file.toString(), false);
    }
    if (!loopback) {
      throw new IllegalStateException(
          "refusing to serve MCP on "
              + options.host()
              + " without a token: on an address other than loopback, set "
              + McpOptions.TOKEN_VARIABLE
              + " or write a token to "
              + file);
    }
    return new Token(generate(file), file.toString(), true);
  }

  /** Whether {@code host} is a loopback address ({@code 127.0.0.1}, {@code ::1}, localhost). */
  static boolean isLoopback(String host) {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (bare.equalsIgnoreCase("localhost")) {
      return true;
    }
    try {
      return InetAddress.getByName(bare).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static Secret read(Path file) {
    try {
      String token = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (token.length() < 16) {
        throw new IllegalStateException(
            "the token file " + file + " holds no token of at least 16 characters");
      }
      return Secret.of(token);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the token file " + file + ": " + e, e);
    }
  }

  private static Secret generate(Path file) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    try {
      Path parent = file.toAbsolutePath().getParent();
      boolean posix =
          Files.getFileAttributeView(parent.getRoot(), PosixFileAttributeView.class) != null;
      if (!Files.isDirectory(parent)) {
        if (posix) {
          Files.createDirectories(
              parent,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectories(parent);
        }
      }
      if (posix) {
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
        Files.setPosixFilePermissions(file, ownerOnly);
      } else {
        Files.createFile(file);
      }
      Files.writeString(
          file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
      return Secret.of(token);
    } catch (FileAlreadyExistsException e) {
      return read(file);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the token file " + file + ": " + e, e);
    }
  }
}
