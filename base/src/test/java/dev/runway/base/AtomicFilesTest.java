package dev.runway.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
  void aTemporaryFileIsOwnerOnlyWhileItHoldsTheTextEvenWhenTheTargetIsWorldReadable(@TempDir Path dir) throws Exception {
    Path f = dir.resolve(".env.production");
    Files.writeString(f, "OLD=1\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    List<String> seen = new ArrayList<>();
    AtomicFiles.whileWriting = temp -> {
      try {
        seen.add(temp.getFileName() + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(temp)) + " "
            + Files.readString(temp));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
    try {
      AtomicFiles.write(f, "SECRET=s3cr3t\n");
    } finally {
      AtomicFiles.whileWriting = null;
    }
    assertThat(seen).singleElement().asString().matches("\\.runway-tmp-\\.env\\.production\\.[0-9]+ rw------- SECRET=s3cr3t\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as("the target keeps its mode")
        .isEqualTo("rw-r--r--");
    assertThat(AtomicFiles.isTemporary(Path.of(seen.get(0).split(" ")[0]))).isTrue();
  }

  @Test
  void aTemporaryFileLeftByAKilledWriteIsRemovedAtTheNextWriteOfItsTarget(@TempDir Path dir) throws Exception {
    Path f = dir.resolve(".env.production");
    Files.writeString(f, "A=1\n");
    Path stale = Files.writeString(dir.resolve(".runway-tmp-.env.production.4711"), "A=half-written secret");
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minusSeconds(3600)));
    Path other = Files.writeString(dir.resolve(".runway-tmp-render.yaml.42"), "x");
    Files.setLastModifiedTime(other, FileTime.from(Instant.now().minusSeconds(3600)));
    Path young = Files.writeString(dir.resolve(".runway-tmp-.env.production.99"), "a write in flight");
    AtomicFiles.write(f, "A=2\n");
    assertThat(stale).doesNotExist();
    assertThat(other).as("another target's temporary file is its own write's business").exists();
    assertThat(young).as("a young one may be a write in flight").exists();
    assertThat(Files.readString(f)).isEqualTo("A=2\n");
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
