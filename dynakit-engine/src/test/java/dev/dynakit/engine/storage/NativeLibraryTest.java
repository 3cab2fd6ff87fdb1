package dev.dynakit.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibraryTest {
  @TempDir Path dir;

  @Test
  void theLibraryIsCopiedOnceAndATruncatedCopyIsReplaced() throws Exception {
    Path copy = NativeLibrary.cached(dir);
    long size = Files.size(copy);
    assertThat(size).isGreaterThan(1_000_000);
    assertThat(copy.getFileName().toString()).startsWith("librocksdbjni");
    FileTime written = FileTime.fromMillis(0);
    Files.setLastModifiedTime(copy, written);

    assertThat(NativeLibrary.cached(dir)).isEqualTo(copy);
    assertThat(Files.getLastModifiedTime(copy)).isEqualTo(written);

    Files.write(copy, new byte[] {1, 2, 3});
    assertThat(Files.size(NativeLibrary.cached(dir))).isEqualTo(size);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(copy);
    }
  }

  @Test
  void theCopyIsKeptUnderTheUsersCacheUnlessAnotherDirectoryIsNamed() throws Exception {
    assertThat(NativeLibrary.directory().toString())
        .startsWith(
            Path.of(System.getProperty("user.home"), ".cache", "dynakit", "native").toString())
        .containsPattern("rocksdbjni-[0-9a-f]{16}$");
    System.setProperty(NativeLibrary.DIRECTORY_PROPERTY, dir.toString());
    try {
      assertThat(NativeLibrary.directory()).isEqualTo(dir);
    } finally {
      System.clearProperty(NativeLibrary.DIRECTORY_PROPERTY);
    }
  }
}
