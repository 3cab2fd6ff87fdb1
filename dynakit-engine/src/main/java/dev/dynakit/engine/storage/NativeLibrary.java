package dev.dynakit.engine.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;

/**
 * Loads RocksDB's native library from a copy kept between runs. {@code rocksdbjni} otherwise
 * extracts the library (17 MB for Linux x86-64) from its jar to a new temporary file in every JVM,
 * which is most of a fresh process's time to open a data directory; a command-line tool starts a
 * fresh process for every command.
 *
 * <p>The copy is kept in {@code ~/.cache/dynakit/native/rocksdbjni-<key>} (or the directory the
 * system property {@value #DIRECTORY_PROPERTY} names), where the key identifies the jar it came
 * from and the library's size, so a new {@code rocksdbjni} gets a new copy. It is written to a
 * temporary file and renamed into place, so a copy is whole or absent. If anything fails, RocksDB
 * loads its library its own way.
 */
final class NativeLibrary {
  /** The system property naming the directory of the copy. */
  static final String DIRECTORY_PROPERTY = "dynakit.rocksdb.libdir";

  private NativeLibrary() {}

  /** Loads the library, from the kept copy if possible. */
  static void load() {
    try {
      Path dir = directory();
      cached(dir);
      RocksDB.loadLibrary(List.of(dir.toString()));
    } catch (IOException | RuntimeException | LinkageError e) {
      RocksDB.loadLibrary();
    }
  }

  /** The directory of the copy for this jar and platform. */
  static Path directory() throws IOException {
    String configured = System.getProperty(DIRECTORY_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    URLConnection library = resource().openConnection();
    String identity = resource() + " " + library.getContentLengthLong();
    return Path.of(System.getProperty("user.home"), ".cache", "dynakit", "native")
        .resolve("rocksdbjni-" + digest(identity));
  }

  /**
   * The copy of the library in {@code dir}, under the name {@link RocksDB#loadLibrary(List)} looks
   * for, written now unless a copy of the same size is there.
   */
  static Path cached(Path dir) throws IOException {
    URLConnection library = resource().openConnection();
    long size = library.getContentLengthLong();
    Path file = dir.resolve(Environment.getJniLibraryFileName("rocksdbjni"));
    if (Files.isRegularFile(file) && Files.size(file) == size) {
      return file;
    }
    Files.createDirectories(dir);
    Path next = Files.createTempFile(dir, "rocksdbjni", ".tmp");
    try (InputStream in = library.getInputStream()) {
      Files.copy(in, next, StandardCopyOption.REPLACE_EXISTING);
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(next);
    }
    return file;
  }

  private static URL resource() throws IOException {
    String name = Environment.getJniLibraryFileName("rocksdb");
    URL url = RocksDB.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IOException("rocksdbjni has no " + name + " for this platform");
    }
    return url;
  }

  private static String digest(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
