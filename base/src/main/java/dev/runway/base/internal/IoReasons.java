package dev.runway.base.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * What an {@link IOException} means, in the words a user reads ("permission denied", "the disk is
 * full"), never its Java class name: messages name the cause; the exception stays attached as the
 * cause for API users.
 */
public final class IoReasons {
  private IoReasons() {}

  /** A short lower-case clause for the parenthesis of a message: {@code cannot write the file (<reason>)}. */
  public static String of(IOException e) {
    if (e instanceof NoSuchFileException) return "no such file or folder";
    if (e instanceof AccessDeniedException) return "permission denied";
    if (e instanceof FileAlreadyExistsException) return "something of that name is already there";
    if (e instanceof NotDirectoryException) return "a file stands where a folder should be";
    if (e instanceof DirectoryNotEmptyException) return "a folder that is not empty is in the way";
    if (e instanceof CharacterCodingException) return "the text is not UTF-8";
    if (e instanceof BindException) return "the address is in use or not allowed";
    if (e instanceof ConnectException) return "the connection was refused";
    if (e instanceof UnknownHostException) return "the host name does not resolve";
    if (e instanceof NoRouteToHostException) return "the host cannot be reached";
    if (e instanceof SSLException) return "the secure connection (TLS) failed";
    if (e instanceof InterruptedIOException) return "timed out";
    if (e instanceof SocketException) return "the connection was lost";
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      String reason = fs.getReason().toLowerCase(Locale.ROOT);
      if (reason.contains("no space")) return "the disk is full";
      if (reason.contains("read-only")) return "the file system is read-only";
      return Printable.escape(reason);
    }
    String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (text.contains("no space left")) return "the disk is full";
    if (text.contains("read-only file system")) return "the file system is read-only";
    return "an input/output error";
  }
}
