package dev.runway.sync.internal;

import dev.runway.base.AtomicFiles;
import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.base.InputFiles;
import dev.runway.env.Environment;
import dev.runway.security.DecryptionFailed;
import dev.runway.security.EnvCrypto;
import dev.runway.security.EnvKey;
import dev.runway.sync.EnvSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * Snapshots on disk: an encrypted env file (the same format as {@code .env.<env>.enc}) whose
 * authenticated label holds the time and the store's name, named
 * {@code <yyyyMMdd-HHmmss-SSS>-<store>.env.enc}.
 */
public final class Backups {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

  private static final String WRITE_ONLY = " write-only=";

  private Backups() {}

  /**
   * Writes the snapshot, encrypted and bound to {@code environment} (when known), owner-only.
   * A file store's snapshot keeps the file's exact text.
   */
  public static Path write(Path dir, EnvSnapshot snapshot, EnvKey key, @Nullable Environment environment, Clock clock) {
    try {
      Files.createDirectories(dir);
      String base = STAMP.format(clock.instant()) + "-" + snapshot.store().replaceAll("[^A-Za-z0-9._-]", "_");
      Path file = dir.resolve(base + ".env.enc");
      for (int i = 2; Files.exists(file); i++) file = dir.resolve(base + "-" + i + ".env.enc");
      String label = snapshot.takenAt() + " " + snapshot.store()
          + (snapshot.writeOnly().isEmpty() ? "" : WRITE_ONLY + String.join(",", snapshot.writeOnly()));
      AtomicFiles.write(file, EnvCrypto.encryptBackup(snapshot.values(), key, label,
          environment == null ? null : EnvCrypto.Binding.of(environment), snapshot.fileText().orElse(null)));
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the content is encrypted anyway
      }
      return file;
    } catch (IOException e) {
      throw new RunwayException.IoFailed(dir + ": cannot write the backup (" + e.getClass().getSimpleName()
          + "); nothing was applied; check that the folder is writable", Origin.file(dir), e);
    }
  }

  /**
   * Reads a backup; when {@code expected} is given, a backup bound to another environment is refused
   * (one written before backups were bound is taken).
   */
  public static EnvSnapshot read(Path file, EnvKey key, @Nullable Environment expected) {
    String text = InputFiles.readText(file, "sync backup");
    Origin origin = Origin.file(file);
    EnvCrypto.Backup backup;
    try {
      backup = EnvCrypto.openBackup(text, origin, key);
    } catch (DecryptionFailed e) {
      if (e.reason() == DecryptionFailed.Reason.WRONG_BINDING) throw notABackup(file);
      throw e;
    }
    if (expected != null && backup.environment().isPresent() && !backup.environment().get().equals(expected)) {
      throw new DecryptionFailed(DecryptionFailed.Reason.WRONG_BINDING, file + ": is a backup of environment '"
          + backup.environment().get().name() + "', not '" + expected.name() + "'; restore it with --env "
          + backup.environment().get().name() + ", or pass a backup of " + expected.name(), origin);
    }
    String label = backup.label();
    int space = label.indexOf(' ');
    if (space < 0) throw notABackup(file);
    Instant at;
    try {
      at = Instant.parse(label.substring(0, space));
    } catch (DateTimeParseException e) {
      throw notABackup(file);
    }
    String rest = label.substring(space + 1);
    int wo = rest.lastIndexOf(WRITE_ONLY);
    java.util.Set<String> writeOnly = wo < 0 ? java.util.Set.of()
        : new java.util.TreeSet<>(java.util.List.of(rest.substring(wo + WRITE_ONLY.length()).split(",")));
    String store = wo < 0 ? rest : rest.substring(0, wo);
    EnvSnapshot snapshot = EnvSnapshot.of(store, at, backup.values(), writeOnly);
    return backup.fileText().map(snapshot::withFileText).orElse(snapshot);
  }

  private static RunwayException notABackup(Path file) {
    return new RunwayException.ParseFailed(file + ": not a Runway sync backup (no store label);"
        + " pass a file from .runway/backups/", Origin.file(file));
  }
}
