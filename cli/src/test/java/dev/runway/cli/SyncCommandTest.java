package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runway sync apply --to <file>}: in-place edits, and a printed restore command that works as printed. */
class SyncCommandTest {
  private static final String CONF = "app = acme\nenvironments = [development, production]\nvariables {\n"
      + "  PORT { type = port }\n  API_URL { type = url }\n  API_KEY { type = secret }\n}\n";
  private static final String TARGET = "# deployed copy: keep this comment\nHOST\nPORT=10000 # Render's\n"
      + "BASE=https://api.example.com\nAPI_URL=${BASE}/v1\nAPI_KEY='old-key-0123456789abcdef'\nOTHER=unmanaged\n";

  @TempDir Path home;
  @TempDir Path project;
  private String savedHome;

  @BeforeEach
  void useTemporaryHome() throws Exception {
    savedHome = System.getProperty("user.home");
    System.setProperty("user.home", home.toString());
    Files.writeString(project.resolve("runway.conf"), CONF);
    Files.writeString(project.resolve(".env.production"),
        "PORT=8080\nAPI_URL=https://api.example.com/v1\nAPI_KEY=new-key-FAKE-0123456789abcdef\n");
    MainTest.Result keygen = MainTest.run("keygen", "--env", "production");
    assertThat(keygen.code()).as(keygen.err()).isZero();
  }

  @AfterEach
  void restoreHome() {
    System.setProperty("user.home", savedHome);
  }

  private static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("'((?:[^']|'\\\\'')*)'|(\\S+)").matcher(line);
    while (m.find()) out.add(m.group(1) != null ? m.group(1).replace("'\\''", "'") : m.group(2));
    return out;
  }

  @Test
  void applyToAFileChangesOnlyManagedValuesAndThePrintedRestoreCommandGivesBackTheExactBytes() throws Exception {
    Path target = Files.writeString(Files.createDirectory(project.resolve("deployed dir")).resolve(".env.target"), TARGET);
    byte[] before = Files.readAllBytes(target);
    MainTest.Result r = MainTest.run("sync", "apply", "--config", project.resolve("runway.conf").toString(),
        "--env", "production", "--to", target.toString(), "--apply");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(Files.readString(target)).isEqualTo("# deployed copy: keep this comment\nHOST\nPORT=8080 # Render's\n"
        + "BASE=https://api.example.com\nAPI_URL=${BASE}/v1\nAPI_KEY='new-key-FAKE-0123456789abcdef'\nOTHER=unmanaged\n");
    assertThat(r.out()).doesNotContain("new-key").doesNotContain("old-key");
    Matcher undo = Pattern.compile("(?m)^  to undo it: (runway sync restore .*)$").matcher(r.out());
    assertThat(undo.find()).as(r.out()).isTrue();
    String command = undo.group(1);
    assertThat(command).startsWith("runway sync restore --config " + project.resolve("runway.conf")
        + " --env production --to '" + target + "' " + project.resolve(".runway/backups"));
    List<String> args = words(command);
    MainTest.Result restore = MainTest.run(args.subList(1, args.size()).toArray(String[]::new));
    assertThat(restore.code()).as(restore.out() + restore.err()).isZero();
    assertThat(Files.readAllBytes(target)).isEqualTo(before);
  }

  @Test
  void aBackupTakenInProductionIsNotRestoredIntoDevelopment() throws Exception {
    Path target = Files.writeString(project.resolve(".env.target"), TARGET);
    MainTest.Result r = MainTest.run("sync", "apply", "--config", project.resolve("runway.conf").toString(),
        "--env", "production", "--to", target.toString(), "--apply");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    Path backup;
    try (var list = Files.list(project.resolve(".runway/backups"))) {
      backup = list.findFirst().orElseThrow();
    }
    Files.writeString(project.resolve(".env.development"), "PORT=1\nAPI_URL=http://localhost\nAPI_KEY=dev-key\n");
    java.nio.file.Files.copy(home.resolve(".config/runway/keys/production.key"),
        home.resolve(".config/runway/keys/development.key"));
    MainTest.Result restore = MainTest.run("sync", "restore", "--config", project.resolve("runway.conf").toString(),
        "--env", "development", "--to", target.toString(), backup.toString());
    assertThat(restore.code()).isNotZero();
    assertThat(restore.err()).isEqualTo("runway: " + backup + ": is a backup of environment 'production', not"
        + " 'development'; restore it with --env production, or pass a backup of development" + System.lineSeparator());
  }
}
