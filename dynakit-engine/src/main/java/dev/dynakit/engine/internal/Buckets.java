package dev.dynakit.engine.internal;

import java.nio.file.Path;
import java.util.Map;

/**
 * S3 as the engine stands it in for exports and imports: each bucket a local directory, each object
 * key a path below it. A key that would lead out of its bucket's directory is no key.
 */
final class Buckets {
  private final Map<String, Path> directories;

  Buckets(Map<String, Path> directories) {
    this.directories = Map.copyOf(directories);
  }

  /** The bucket's directory, or null if the bucket is not one the engine was given. */
  Path directory(String bucket) {
    return bucket == null ? null : directories.get(bucket);
  }

  /**
   * The path of {@code key} in the bucket's {@code directory}.
   *
   * @throws IllegalArgumentException if the key leads out of the directory
   */
  static Path path(Path directory, String key) {
    Path base = directory.toAbsolutePath().normalize();
    Path path = key == null || key.isEmpty() ? base : base.resolve(key).normalize();
    if (!path.startsWith(base)) {
      throw new IllegalArgumentException("the key leads out of the bucket: " + key);
    }
    return path;
  }
}
