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

/** {@code runway keygen | encrypt | decrypt | rotate} in a temporary project with a temporary home. */
class CryptoCommandsTest {
  private static final Path DOCS = Path.of("..", "docs").toAbsolutePath().normalize();
  // Test data: an obviously fake key in the OpenAI shape, never a real credential.
  private static final String PLAIN = "# OpenAI key, rotated monthly\nOPENAI_API_KEY=sk-proj-FAKE0TEST0KEY0not0a0real0one0\n\n"
      + "# the port Render gives\nPORT=10000\n";

  @TempDir Path home;
  @TempDir Path project;
  private String savedHome;

  @BeforeEach
  void useTemporaryHome() {
    savedHome = System.getProperty("user.home");
    System.setProperty("user.home", home.toString());
  }

  @AfterEach
  void restoreHome() {
    System.setProperty("user.home", savedHome);
  }

  private MainTest.Result runway(String... args) {
    return MainTest.run(args);
  }

  private void encryptedProject() throws Exception {
    Files.writeString(project.resolve(".env.production"), PLAIN);
    MainTest.Result keygen = runway("keygen", "--env", "production");
    assertThat(keygen.code()).as(keygen.err()).isZero();
    MainTest.Result encrypt = runway("encrypt", "--env", "production", "--env-dir", project.toString());
    assertThat(encrypt.code()).as(encrypt.err()).isZero();
  }

  /** Runs a documented command line from the project folder: {@code ~} is the home, cwd is the project. */
  private void runDocumented(String line) throws Exception {
    List<String> words = new ArrayList<>();
    for (String w : line.trim().split("\\s+")) words.add(w.startsWith("~/") ? home.resolve(w.substring(2)).toString() : w);
    if (words.get(0).equals("mv")) {
      Files.move(Path.of(words.get(1)), Path.of(words.get(2)), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    assertThat(words.get(0)).isEqualTo("runway");
    words.remove(0);
    words.add("--env-dir");
    words.add(project.toString());
    MainTest.Result r = runway(words.toArray(String[]::new));
    assertThat(r.code()).as(line + ": " + r.err()).isZero();
    assertThat(r.out() + r.err()).doesNotContain("sk-proj", "10000");
  }

  @Test
  void theDocumentedKeyRotationRecipeWorksAsWritten() throws Exception {
    encryptedProject();
    String security = Files.readString(DOCS.resolve("security.md"));
    Matcher m = Pattern.compile("### Rotate the file key.*?```sh\n(.*?)```", Pattern.DOTALL).matcher(security);
    assertThat(m.find()).as("the recipe in docs/security.md").isTrue();
    List<String> recipe = m.group(1).lines().toList();
    assertThat(recipe).hasSize(3);
    String oldKey = Files.readString(home.resolve(".config/runway/keys/production.key"));
    for (String line : recipe) runDocumented(line);

    assertThat(Files.readString(home.resolve(".config/runway/keys/production.key"))).isNotEqualTo(oldKey);
    Files.delete(project.resolve(".env.production"));
    MainTest.Result decrypt = runway("decrypt", "--env", "production", "--env-dir", project.toString());
    assertThat(decrypt.code()).as(decrypt.err()).isZero();
    assertThat(Files.readString(project.resolve(".env.production"))).isEqualTo(PLAIN);

    String runbook = Files.readString(DOCS.resolve("runbook.md"));  // the same recipe, as a block of its own
    for (String line : recipe) assertThat(runbook).contains("\n" + line + "\n");
  }

  @Test
  void keygenRefusesAKeyFileInsideTheProject() {
    Path inside = project.resolve("new.key");
    MainTest.Result r = runway("keygen", "--env", "production", "--out", inside.toString(), "--env-dir", project.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("runway: " + inside + ": key file lies inside the project (" + project
        + "); move it out of the repository, for example to ~/.config/runway/keys\n");
    assertThat(r.out()).isEmpty();
    assertThat(inside).doesNotExist();
  }

  @Test
  void keygenRefusesAKeyFileInsideTheCurrentFolderByDefault() {
    MainTest.Result r = runway("keygen", "--env", "production", "--out", "new.key");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("runway: new.key: key file lies inside the project (.)");
    assertThat(Path.of("new.key")).doesNotExist();
  }

  @Test
  void keygenNamesABadEnvironmentInOneLine() {
    MainTest.Result r = runway("keygen", "--env", "../x");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("runway: --env: environment name '../x' must start with a letter and hold only"
        + " letters, digits and '-'; for example --env production\n");
    MainTest.Result encrypt = runway("encrypt", "--env", "../x", "--env-dir", project.toString());
    assertThat(encrypt.code()).isEqualTo(2);
    assertThat(encrypt.err()).startsWith("runway: --env: environment name '../x'");
  }

  @Test
  void decryptWritesBackTheComments() throws Exception {
    encryptedProject();
    Files.delete(project.resolve(".env.production"));
    MainTest.Result r = runway("decrypt", "--env", "production", "--env-dir", project.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(project.resolve(".env.production"))).isEqualTo(PLAIN);
  }

  @Test
  void anEditedEnvironmentInTheHeaderIsReportedAsTampering() throws Exception {
    encryptedProject();
    Path prod = project.resolve(".env.production.enc");
    Files.writeString(prod, Files.readString(prod).replace("env=production", "env=development"));
    MainTest.Result tampered = runway("decrypt", "--env", "production", "--env-dir", project.toString(), "--force");
    assertThat(tampered.code()).isEqualTo(2);
    assertThat(tampered.err()).contains("the file was changed after encryption");
  }
}
