package dev.runway.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @Test
  void replacesAFileWholeAndKeepsNoTemporaryFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("out.txt");
    Files.writeString(f, "old");
    AtomicFiles.write(f, "new");
    assertThat(Files.readString(f)).isEqualTo("new");
    try (var list = Files.list(dir)) {
      assertThat(list.map(p -> p.getFileName().toString())).containsExactly("out.txt");
    }
  }

  @Test
  void neverReplacesAFolderOrAFifo(@TempDir Path dir) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("folder"));
    assertThatThrownBy(() -> AtomicFiles.write(folder, "x")).isInstanceOf(RunwayException.IoFailed.class)
        .hasMessage(folder + ": is not a regular file (a folder, device or FIFO), so it is not replaced; name a file or a"
            + " new path");
    assertThat(Files.isDirectory(folder)).isTrue();
    Path fifo = dir.resolve("fifo");
    boolean made;
    try {
      made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
    } catch (java.io.IOException e) {
      made = false;   // no mkfifo here: the folder case above still holds the rule
    }
    if (made) {
      assertThatThrownBy(() -> AtomicFiles.write(fifo, "x")).isInstanceOf(RunwayException.IoFailed.class);
      assertThat(Files.isRegularFile(fifo)).as("the FIFO is still a FIFO").isFalse();
      assertThat(Files.exists(fifo)).isTrue();
    }
  }

  @Test
  void aDeviceIsNotReplaced() {
    Path full = Path.of("/dev/full");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(full), "no /dev/full on this system");
    assertThatThrownBy(() -> AtomicFiles.write(full, "x")).isInstanceOf(RunwayException.IoFailed.class)
        .hasMessageContaining("is not a regular file");
    assertThat(Files.isRegularFile(full)).isFalse();
  }

  @Test
  void aFailedWriteSaysWhyInWordsNotByTheExceptionsName(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("no-such-folder/out.txt");
    assertThatThrownBy(() -> AtomicFiles.write(missing, "x")).isInstanceOf(RunwayException.IoFailed.class)
        .hasMessage(missing + ": cannot write the file (no such file or folder); check that the folder exists and is"
            + " writable")
        .hasCauseInstanceOf(java.nio.file.NoSuchFileException.class);
  }
}
