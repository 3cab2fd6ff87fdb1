package dev.dynakit.engine.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A dynakit data directory, owned by this process while open: its marker file {@value #MARKER} (the
 * format version, as JSON), its lock file {@value #LOCK} (an OS lock held while open, and the
 * owner's process id), and the store's own directory {@value #STORE}.
 *
 * <p>Opening refuses, with a {@link StorageException} naming the directory: a path that is a file;
 * a non-empty directory without a marker (someone else's files: never written to); a marker of a
 * newer format or that cannot be read; a directory another process (or another engine of this
 * process) holds open. A directory that does not exist, or is empty, becomes a new data directory.
 */
final class DataDirectory implements AutoCloseable {
  /** The format this version writes and the newest it reads. */
  static final int FORMAT = 1;

  static final String MARKER = "dynakit.json";
  static final String LOCK = "dynakit.lock";
  static final String STORE = "rocksdb";

  private static final Pattern FORMAT_FIELD = Pattern.compile("\"format\"\\s*:\\s*(\\d{1,9})");

  private final Path path;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private DataDirectory(Path path, FileChannel lockChannel, FileLock lock) {
    this.path = path;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Opens (creating it if needed) and locks the data directory at {@code path}. */
  static DataDirectory open(Path path) {
    Path dir = path.toAbsolutePath().normalize();
    try {
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw new StorageException("The data directory " + dir + " is a file, not a directory");
      }
      Files.createDirectories(dir);
      boolean marked = Files.exists(dir.resolve(MARKER));
      if (!marked) {
        List<String> others = others(dir);
        if (!others.isEmpty()) {
          throw new StorageException(
              "The directory "
                  + dir
                  + " is not a dynakit data directory (it holds "
                  + String.join(", ", others)
                  + " and no "
                  + MARKER
                  + "); refusing to use it. Name an empty or new directory.");
        }
      }
      DataDirectory directory = lock(dir);
      try {
        if (!marked) {
          writeMarker(dir);
        }
        checkFormat(dir);
        return directory;
      } catch (RuntimeException | IOException e) {
        directory.close();
        throw e;
      }
    } catch (IOException e) {
      throw new StorageException("Cannot open the data directory " + dir + ": " + e, e);
    }
  }

  /** The directory's entries other than the lock file and a marker being written. */
  private static List<String> others(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      entries
          .map(entry -> entry.getFileName().toString())
          .filter(name -> !name.equals(LOCK) && !name.equals(MARKER + ".new"))
          .sorted()
          .limit(5)
          .forEach(names::add);
    }
    return names;
  }

  private static DataDirectory lock(Path dir) throws IOException {
    Path lockFile = dir.resolve(LOCK);
    FileChannel channel =
        FileChannel.open(
            lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      channel.close();
      throw new StorageException(
          "The data directory "
              + dir
              + " is in use by this process (pid "
              + ProcessHandle.current().pid()
              + "): an engine opened on it is still open; close it first");
    }
    if (lock == null) {
      String owner = owner(channel);
      channel.close();
      throw new StorageException(
          "The data directory "
              + dir
              + " is in use by process "
              + owner
              + " (it holds "
              + lockFile
              + "); only one process may open a data directory at a time");
    }
    byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(pid), 0);
    channel.force(true);
    return new DataDirectory(dir, channel, lock);
  }

  /** The process id the lock file holds, as its owner wrote it. */
  private static String owner(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(32);
    channel.read(buffer, 0);
    String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
    String pid = text.trim();
    return pid.matches("\\d+") ? pid : "(unknown pid)";
  }

  private static void writeMarker(Path dir) throws IOException {
    Path next = dir.resolve(MARKER + ".new");
    byte[] json =
        ("{\"format\":" + FORMAT + ",\"store\":\"rocksdb\"}\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel channel =
        FileChannel.open(
            next,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      channel.write(ByteBuffer.wrap(json));
      channel.force(true);
    }
    Files.move(next, dir.resolve(MARKER), StandardCopyOption.ATOMIC_MOVE);
    syncDirectory(dir);
  }

  /** Makes the directory's entries (a file created or renamed) durable. */
  static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory; their file systems order renames themselves.
    }
  }

  private static void checkFormat(Path dir) throws IOException {
    String marker = Files.readString(dir.resolve(MARKER), StandardCharsets.UTF_8);
    Matcher format = FORMAT_FIELD.matcher(marker);
    if (!format.find()) {
      throw new StorageException(
          "The data directory " + dir + " is damaged: " + MARKER + " names no format version");
    }
    checkFormat(dir, Integer.parseInt(format.group(1)), MARKER);
  }

  /** Refuses a format this version cannot read. */
  static void checkFormat(Path dir, int format, String where) {
    if (format > FORMAT) {
      throw new StorageException(
          "The data directory "
              + dir
              + " was written by a newer dynakit (format "
              + format
              + " in "
              + where
              + "; this version reads format "
              + FORMAT
              + " and older); open it with that version");
    }
    if (format < 1) {
      throw new StorageException(
          "The data directory " + dir + " is damaged: format " + format + " in " + where);
    }
  }

  /** The directory, absolute. */
  Path path() {
    return path;
  }

  /** Where the store keeps its files. */
  Path store() {
    return path.resolve(STORE);
  }

  /** Releases the directory for another process. */
  @Override
  public void close() {
    try {
      if (lock.isValid()) {
        lock.release();
      }
      lockChannel.close();
    } catch (IOException e) {
      throw new StorageException("Cannot release the lock of the data directory " + path, e);
    }
  }

  @Override
  public String toString() {
    return "DataDirectory[" + path + "]";
  }
}
