package dev.runway.base;

import dev.runway.base.internal.IoReasons;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How every Runway module writes a file: all of it or nothing. A crash mid-write leaves the old
 * file in place, never a truncated one.
 *
 * <p>The new text goes first to a temporary file beside the target, named
 * {@code .runway-tmp-<file name>.<random>} and created readable by its owner only
 * ({@code rw-------}), so that a write killed half-way (kill -9, a power cut) leaves no plaintext
 * secret readable by others; {@link #TEMP_PREFIX .runway-tmp-*} is the ignore rule that keeps such a
 * file out of git (docs/security.md), and {@code runway audit} reports one. The next write of the
 * same file removes its stale temporary files.
 */
public final class AtomicFiles {
  /** How every temporary file Runway writes begins; {@code .runway-tmp-*} is its ignore rule. */
  public static final String TEMP_PREFIX = ".runway-tmp-";

  /** A temporary file this old is left over from a killed write, not one in flight. */
  static final Duration STALE_AFTER = Duration.ofSeconds(10);

  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  /** Test seam: called with the temporary file once the text is in it, before it is moved. */
  static volatile @Nullable Consumer<Path> whileWriting;

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

  /** Whether {@code file} is a temporary file of an atomic write (its name starts with {@link #TEMP_PREFIX}). */
  public static boolean isTemporary(Path file) {
    Path name = file.getFileName();
    return name != null && name.toString().startsWith(TEMP_PREFIX);
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
    String prefix = TEMP_PREFIX + target.getFileName() + ".";
    removeStale(dir, prefix);
    Path temp = null;
    try {
      boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
      FileAttribute<?>[] attrs = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
          : new FileAttribute<?>[0];
      // Owner-only from its creation: the text may be secrets, and a kill -9 can leave this file behind.
      temp = Files.createTempFile(dir, prefix, "", attrs);
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) ch.write(buf);
        ch.force(true);
      }
      Consumer<Path> hook = whileWriting;
      if (hook != null) hook.accept(temp);
      // The target's mode, set only now that the temporary file holds exactly the target's next text.
      PosixFileAttributeView to = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
      if (Files.exists(target)) {
        PosixFileAttributeView from = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (from != null && to != null) to.setPermissions(from.readAttributes().permissions());
      } else if (readableByAll && to != null) {
        to.setPermissions(PosixFilePermissions.fromString("rw-r--r--"));
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

  /**
   * Deletes the temporary files a killed write of this target left behind. A younger one may belong
   * to a write in flight (another thread or process), so it is left alone.
   */
  private static void removeStale(Path dir, String prefix) {
    Instant before = Instant.now().minus(STALE_AFTER);
    try (DirectoryStream<Path> list = Files.newDirectoryStream(dir, p -> {
      String n = p.getFileName().toString();
      return n.startsWith(prefix) && n.length() > prefix.length() && n.substring(prefix.length()).chars().allMatch(Character::isDigit);
    })) {
      for (Path p : list) {
        try {
          FileTime modified = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
          if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && modified.toInstant().isBefore(before)) {
            Files.deleteIfExists(p);
          }
        } catch (IOException e) {
          // best effort: a leftover we cannot delete does not stop this write
        }
      }
    } catch (IOException e) {
      // the folder cannot be listed: the write below reports what is wrong with it
    }
  }
}
