package dev.runway.base;

import dev.runway.base.internal.IoReasons;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * How every Runway module writes a file: all of it or nothing. A crash mid-write leaves the old
 * file in place, never a truncated one.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Writes {@code text} to a temporary file beside {@code file}, forces it to disk and moves it over
   * {@code file} atomically; an existing file's POSIX permissions are kept. Readers see the old
   * file or the new one, never a half-written one.
   */
  public static void write(Path file, String text) {
    write(file, text, false);
  }

  /**
   * As {@link #write(Path, String)}, for a file meant to be published (a status page any static host
   * serves): a new file is readable by everyone ({@code rw-r--r--}) rather than by its owner only,
   * the mode temporary files are created with.
   */
  public static void writePublic(Path file, String text) {
    write(file, text, true);
  }

  private static void write(Path file, String text, boolean readableByAll) {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Origin origin = Origin.file(file);
    if (Files.exists(target) && !Files.isRegularFile(target)) {
      // Moving a temporary file over /dev/full or a FIFO would replace the device (as root, a system one).
      throw new RunwayException.IoFailed(origin + ": is not a regular file (a folder, device or FIFO), so it is not"
          + " replaced; name a file or a new path", origin, null);
    }
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      PosixFileAttributeView to = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
      if (Files.exists(target)) {
        PosixFileAttributeView from = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (from != null && to != null) to.setPermissions(from.readAttributes().permissions());
      } else if (readableByAll && to != null) {
        to.setPermissions(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      }
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) ch.write(buf);
        ch.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temp = null;
    } catch (AtomicMoveNotSupportedException e) {
      throw new RunwayException.IoFailed(origin + ": cannot replace the file atomically on this file system;"
          + " write it on a local disk", origin, e);
    } catch (IOException e) {
      throw new RunwayException.IoFailed(origin + ": cannot write the file (" + IoReasons.of(e)
          + "); check that the folder exists and is writable", origin, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // The temporary file holds the new text; leaving it is the lesser harm than masking the cause.
        }
      }
    }
  }
}
