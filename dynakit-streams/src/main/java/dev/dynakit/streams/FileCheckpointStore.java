package dev.dynakit.streams;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Checkpoints in one JSON file ({@code {"<stream ARN>": {"<shard id>": "<position>"}}}), rewritten
 * whole on each write into a temporary file that is then renamed over it, so a crash leaves either
 * the old file or the new one, never a torn one. For one process at a time; several workers share
 * checkpoints through {@link TableCheckpointStore}.
 */
public final class FileCheckpointStore implements CheckpointStore {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final Map<String, Map<String, String>> positions;

  private FileCheckpointStore(Path file, Map<String, Map<String, String>> positions) {
    this.file = file;
    this.positions = positions;
  }

  /**
   * The store kept in {@code file}, read now if it exists.
   *
   * @throws UncheckedIOException if the file cannot be read or is not a checkpoint file
   */
  public static FileCheckpointStore open(Path file) {
    Objects.requireNonNull(file, "file");
    Map<String, Map<String, String>> positions = new TreeMap<>();
    if (Files.exists(file)) {
      try {
        positions.putAll(
            JSON.readValue(
                file.toFile(), new TypeReference<Map<String, Map<String, String>>>() {}));
      } catch (IOException e) {
        throw new UncheckedIOException("checkpoint file " + file + " cannot be read", e);
      }
    }
    return new FileCheckpointStore(file, positions);
  }

  @Override
  public synchronized Optional<String> read(String streamArn, String shardId) {
    Map<String, String> shards = positions.get(streamArn);
    return Optional.ofNullable(shards == null ? null : shards.get(shardId));
  }

  @Override
  public synchronized void write(String streamArn, String shardId, String position) {
    positions.computeIfAbsent(streamArn, arn -> new TreeMap<>()).put(shardId, position);
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      JSON.writeValue(temporary.toFile(), positions);
      try {
        Files.move(
            temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("checkpoint file " + file + " cannot be written", e);
    }
  }
}
