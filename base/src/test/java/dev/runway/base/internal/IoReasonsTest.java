package dev.runway.base.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class IoReasonsTest {
  @Test
  void namesTheCauseInWordsNeverTheClass() {
    assertThat(IoReasons.of(new NoSuchFileException("/x"))).isEqualTo("no such file or folder");
    assertThat(IoReasons.of(new AccessDeniedException("/x"))).isEqualTo("permission denied");
    assertThat(IoReasons.of(new FileSystemException("/x", null, "No space left on device"))).isEqualTo("the disk is full");
    assertThat(IoReasons.of(new FileSystemException("/x", null, "Read-only file system")))
        .isEqualTo("the file system is read-only");
    assertThat(IoReasons.of(new ConnectException("Connection refused"))).isEqualTo("the connection was refused");
    assertThat(IoReasons.of(new SocketTimeoutException("Read timed out"))).isEqualTo("timed out");
    assertThat(IoReasons.of(new IOException("No space left on device"))).isEqualTo("the disk is full");
    assertThat(IoReasons.of(new IOException("weird"))).isEqualTo("an input/output error").doesNotContain("Exception");
  }
}
