package dev.runway.security;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;

/**
 * An encrypted env file could not be decrypted: the key is not the file's, or the file was changed
 * after it was written (an edited byte, a value moved to another name, a dropped or reordered
 * line), or it was written for another environment or purpose, or it is not an encrypted env file at all. The message names the file and, where there is
 * one, the line; it never shows a value or a key.
 */
public final class DecryptionFailed extends RunwayException {
  private static final long serialVersionUID = 1L;

  /** Why decryption failed. */
  public enum Reason {
    /** The file was encrypted with another key. */
    WRONG_KEY,
    /** The file's authentication failed: something was changed after encryption. */
    TAMPERED,
    /** The text is not an encrypted env file. */
    MALFORMED,
    /**
     * The file authenticated, but was written for another environment, app or purpose (a
     * development file or a sync backup copied over {@code .env.production.enc}).
     */
    WRONG_BINDING
  }

  private final Reason reason;

  public DecryptionFailed(Reason reason, String message, Origin origin) {
    super(message, origin, null);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
