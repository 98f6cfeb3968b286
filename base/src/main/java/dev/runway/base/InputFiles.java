package dev.runway.base;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * Reads the files Runway is given (runway.conf, .env files, render.yaml, vercel.json, compose
 * files, key files) the one bounded way: regular files only, at most {@link #MAX_BYTES}, and text
 * only when it is UTF-8. A FIFO, a device ({@code /dev/zero}, also behind a symlink) or a folder
 * is refused before it is opened, so reading never blocks and never fills the memory.
 *
 * <p>Every failure is a {@link RunwayException.IoFailed} (or {@link RunwayException.ParseFailed}
 * for text that is not UTF-8) whose message is one line that names the file, says what is wrong
 * in words, and what to do.
 *
 * <pre>{@code
 * String yaml = InputFiles.readText(Path.of("render.yaml"), "render.yaml");
 * // /dev/zero:  "render.yaml: is not a regular file (a device, pipe or socket); Runway reads only regular files, ..."
 * }</pre>
 */
public final class InputFiles {
  /** The largest input file Runway reads: 5 MB. Real configuration files are a few KB. */
  public static final int MAX_BYTES = 5 * 1024 * 1024;

  private static final String LIMIT = "5 MB";

  private InputFiles() {}

  /**
   * Checks that {@code file} is a regular file (symlinks followed) of at most {@link #MAX_BYTES},
   * without opening it.
   *
   * @param what what the file is, for the message ({@code "render.yaml"}, {@code "key file"})
   * @throws RunwayException.IoFailed when it is missing, not a regular file, or too large
   */
  public static void check(Path file, String what) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      throw failed(file, what, e);
    }
    if (attributes.isDirectory()) {
      throw new RunwayException.IoFailed(file + ": " + what + " is a folder, not a file; name the file itself",
          Origin.file(file), null);
    }
    if (!attributes.isRegularFile()) {
      throw new RunwayException.IoFailed(file + ": " + what + " is not a regular file (a device, pipe or socket);"
          + " Runway reads only regular files, so point at the file itself", Origin.file(file), null);
    }
    if (attributes.size() > MAX_BYTES) throw tooLarge(file, what, attributes.size());
  }

  /**
   * The bytes of a regular file of at most {@link #MAX_BYTES}.
   *
   * @throws RunwayException.IoFailed as {@link #check}, or when reading fails
   */
  public static byte[] readBytes(Path file, String what) {
    check(file, what);
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1); // the file may have grown since check
    } catch (IOException e) {
      throw failed(file, what, e);
    }
    if (bytes.length > MAX_BYTES) throw tooLarge(file, what, bytes.length);
    return bytes;
  }

  /**
   * The text of a UTF-8 file of at most {@link #MAX_BYTES}; a UTF-8 byte order mark is dropped.
   *
   * @throws RunwayException.IoFailed as {@link #readBytes}
   * @throws RunwayException.ParseFailed at {@code file:line} when the bytes are not UTF-8
   */
  public static String readText(Path file, String what) {
    return utf8(readBytes(file, what), Origin.file(file), what);
  }

  /**
   * Decodes UTF-8 strictly; a UTF-8 byte order mark is dropped.
   *
   * @throws RunwayException.ParseFailed at {@code origin:line} when the bytes are UTF-16 or not UTF-8
   */
  public static String utf8(byte[] bytes, Origin origin, String what) {
    if (bytes.length >= 2
        && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE) || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
      Origin at = origin.withLine(1);
      throw new RunwayException.ParseFailed(at + ": " + what + " is not UTF-8 text (UTF-16 with a BOM?); save it as"
          + " UTF-8", at);
    }
    int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) result = decoder.flush(out);
    if (result.isError()) {
      int bad = in.position();
      int line = 1;
      for (int i = 0; i < bad; i++) if (bytes[i] == '\n') line++;
      Origin at = origin.withLine(line);
      throw new RunwayException.ParseFailed(at + ": " + what + " is not UTF-8 text (byte " + (bad + 1)
          + " is not valid UTF-8); save it as UTF-8", at);
    }
    out.flip();
    return out.toString();
  }

  private static RunwayException.IoFailed tooLarge(Path file, String what, long size) {
    return new RunwayException.IoFailed(file + ": " + what + " is larger than " + LIMIT + " (" + megabytes(size)
        + "), the limit for an input file; check that this is the right file", Origin.file(file), null);
  }

  private static String megabytes(long size) {
    return String.format(Locale.ROOT, "%.1f MB", size / (1024.0 * 1024.0));
  }

  private static RunwayException.IoFailed failed(Path file, String what, IOException e) {
    Origin origin = Origin.file(file);
    if (e instanceof NoSuchFileException) {
      return new RunwayException.IoFailed(file + ": " + what + ": no such file; check the path", origin, e);
    }
    if (e instanceof AccessDeniedException) {
      return new RunwayException.IoFailed(file + ": " + what + " cannot be read (permission denied); check its"
          + " permissions", origin, e);
    }
    if (e instanceof CharacterCodingException) {
      return new RunwayException.IoFailed(file + ": " + what + " is not UTF-8 text; save it as UTF-8", origin, e);
    }
    String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason().toLowerCase(Locale.ROOT)
        : "an I/O error";
    return new RunwayException.IoFailed(file + ": " + what + " cannot be read (" + reason + "); check that it is a"
        + " readable file", origin, e);
  }
}
