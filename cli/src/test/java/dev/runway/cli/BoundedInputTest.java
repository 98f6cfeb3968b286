package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input files: every reader is bounded (regular files only, 5 MB, nesting and expansion
 * limits), and each refusal is one line naming the file and the limit, exit 2, fast.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class BoundedInputTest {
  private static final String NL = System.lineSeparator();
  private static final String CONF = "app = acme\nvariables {\n  PORT { type = port, required = false }\n}\n";

  /** Exit 2, one line on stderr that starts with "runway: ", no stack trace, no Java exception name. */
  private static MainTest.Result refused(String... args) {
    MainTest.Result r = MainTest.run(args);
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.err()).startsWith("runway: ").endsWith(NL).doesNotContain("\tat ").doesNotContain("Exception")
        .doesNotContain("Error");
    assertThat(r.err().strip()).doesNotContain("\n");
    return r;
  }

  private static Path conf(Path dir, String text) throws IOException {
    Path conf = dir.resolve("runway.conf");
    Files.writeString(conf, text);
    return conf;
  }

  private static MainTest.Result validate(Path conf) {
    return refused("validate", "--config", conf.toString(), "--env", "production");
  }

  private static boolean mkfifo(Path file) throws InterruptedException {
    try {
      return new ProcessBuilder("mkfifo", file.toString()).start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static void symlink(Path link, String target) throws IOException {
    assumeTrue(Files.exists(Path.of(target)), target);
    Files.createSymbolicLink(link, Path.of(target));
  }

  // ------------------------------------------------------------------ runway.conf

  @Test
  void aConfNested3000DeepIsRefusedNamingTheLimit(@TempDir Path dir) throws IOException {
    Path conf = conf(dir, "app = acme\nrender {\n  x = " + "{ a = ".repeat(3000) + "1" + " }".repeat(3000) + "\n}\n");
    assertThat(validate(conf).err()).isEqualTo("runway: " + conf + ":3: nests more than 64 levels of { } and [ ]"
        + " (the limit for runway.conf); flatten the structure" + NL);
  }

  @Test
  void aSubstitutionDoublingBombIsRefusedBeforeTypesafeConfigResolvesIt(@TempDir Path dir) throws IOException {
    StringBuilder text = new StringBuilder("app = acme\nrender {\n  b0 = \"xxxxxxxxxxxxxxxx\"\n");
    for (int i = 1; i <= 40; i++) text.append("  b").append(i).append(" = ${render.b").append(i - 1).append("}${render.b")
        .append(i - 1).append("}\n");
    Path conf = conf(dir, text.append("}\n").toString());
    assertThat(validate(conf).err()).isEqualTo("runway: " + conf + ":22: render.b19: substitutions expand past 16 MB"
        + " of text (the limit for runway.conf); refer to each value fewer times" + NL);
  }

  @Test
  void aListConcatenationBombIsRefused(@TempDir Path dir) throws IOException {
    StringBuilder text = new StringBuilder("app = acme\nl0 = [1, 2, 3, 4, 5, 6, 7, 8]\n");
    for (int i = 1; i <= 40; i++) text.append("l").append(i).append(" = ${l").append(i - 1).append("} ${l").append(i - 1)
        .append("}\n");
    assertThat(validate(conf(dir, text.toString())).err()).contains("substitutions expand past 16 MB of text");
  }

  @Test
  void aSelfAppendingBombIsRefused(@TempDir Path dir) throws IOException {
    Path conf = conf(dir, "app = acme\nl = [1, 2, 3, 4, 5, 6, 7, 8]\n" + "l += ${l}\n".repeat(40));
    assertThat(validate(conf).err()).contains(": l: substitutions expand past 16 MB of text");
  }

  @Test
  void aLongChainOfSubstitutionsIsRefused(@TempDir Path dir) throws IOException {
    StringBuilder text = new StringBuilder("app = acme\n");
    for (int i = 0; i < 100_000; i++) text.append("c").append(i).append(" = ${c").append(i + 1).append("}\n");
    assertThat(validate(conf(dir, text.append("c100000 = 1\n").toString())).err())
        .contains("substitutions refer to substitutions more than 64 levels deep (the limit for runway.conf)");
  }

  @Test
  void aHundredThousandVariablesAreAnswered(@TempDir Path dir) throws IOException {
    StringBuilder text = new StringBuilder("app = acme\nvariables {\n");
    for (int i = 0; i < 100_000; i++) text.append("  V").append(i).append(" { required = false }\n");
    MainTest.Result r = MainTest.run("validate", "--config", conf(dir, text.append("}\n").toString()).toString(),
        "--env", "production");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
  }

  @Test
  void includingDevZeroIsRefusedAtOnce(@TempDir Path dir) throws IOException {
    assumeTrue(Files.exists(Path.of("/dev/zero")));
    Path conf = conf(dir, "include \"file:///dev/zero\"\n" + CONF);
    assertThat(validate(conf).err()).isEqualTo("runway: /dev/zero: included file is not a regular file (a device,"
        + " pipe or socket); Runway reads only regular files, so point at the file itself" + NL);
  }

  @Test
  void includingAUrlIsRefused(@TempDir Path dir) throws IOException {
    Path conf = conf(dir, "include url(\"http://127.0.0.1:9/x.conf\")\n" + CONF);
    assertThat(validate(conf).err()).contains("runway.conf includes only files, not http URLs");
  }

  @Test
  void aRelativeIncludeStillWorks(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("more.conf"), "variables { HOST { type = string, required = false } }\n");
    Path conf = conf(dir, "include \"more.conf\"\n" + CONF);
    MainTest.Result r = MainTest.run("validate", "--config", conf.toString(), "--env", "production");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("(2 variables");
  }

  @Test
  void aConfThatIsAFolderOrAFifoIsRefused(@TempDir Path dir) throws Exception {
    Path folder = Files.createDirectory(dir.resolve("runway.conf"));
    assertThat(validate(folder).err()).isEqualTo("runway: " + folder + ": runway.conf is a folder, not a file; name"
        + " the file itself" + NL);
    Path fifo = dir.resolve("fifo.conf");
    assumeTrue(mkfifo(fifo), "mkfifo");
    assertThat(validate(fifo).err()).contains("is not a regular file");
  }

  @Test
  void aConfOver5MbIsRefusedNamingTheLimit(@TempDir Path dir) throws IOException {
    Path conf = conf(dir, CONF + "# " + "x".repeat(6 * 1024 * 1024) + "\n");
    assertThat(validate(conf).err()).isEqualTo("runway: " + conf + ": runway.conf is larger than 5 MB (6.0 MB), the"
        + " limit for an input file; check that this is the right file" + NL);
  }

  @Test
  void aConfInUtf16SaysSoInWords(@TempDir Path dir) throws IOException {
    Path conf = dir.resolve("runway.conf");
    Files.write(conf, ("\uFEFF" + CONF).getBytes(StandardCharsets.UTF_16LE));
    assertThat(validate(conf).err()).isEqualTo("runway: " + conf + ":1: runway.conf is not UTF-8 text (UTF-16 with"
        + " a BOM?); save it as UTF-8" + NL);
  }

  // ------------------------------------------------------------------ .env files

  @Test
  void nestedDefaults20000DeepAreRefusedNamingTheLimit(@TempDir Path dir) throws IOException {
    Path conf = conf(dir, CONF);
    Files.writeString(dir.resolve(".env.production"), "PORT=" + "${A:-".repeat(20_000) + "1" + "}".repeat(20_000) + "\n");
    assertThat(validate(conf).err()).isEqualTo("runway: " + dir.resolve(".env.production") + ":1: PORT: nests ${...}"
        + " more than 32 levels deep (the limit for a dotenv file); nest fewer defaults (the value is not shown)" + NL);
  }

  @Test
  void anExponentialExpansionIsRefusedNamingTheLimit(@TempDir Path dir) throws IOException {
    Path conf = conf(dir, CONF);
    StringBuilder env = new StringBuilder("A0=xxxxxxxxxxxxxxxx\n");
    for (int i = 1; i <= 60; i++) env.append('A').append(i).append("=${A").append(i - 1).append("}${A").append(i - 1)
        .append("}\n");
    Files.writeString(dir.resolve(".env.production"), env);
    assertThat(validate(conf).err()).contains(dir.resolve(".env.production") + ":")
        .contains("expands past 16 MB of text (the limit for a dotenv file's values)");
  }

  @Test
  void aTenMegabyteNameIsRefusedBySize(@TempDir Path dir) throws IOException {
    Path conf = conf(dir, CONF);
    Path env = dir.resolve(".env.production");
    Files.writeString(env, "A".repeat(10 * 1024 * 1024) + "=1\n");
    assertThat(validate(conf).err()).isEqualTo("runway: " + env + ": dotenv file is larger than 5 MB (10.0 MB), the"
        + " limit for an input file; check that this is the right file" + NL);
  }

  @Test
  void aDotenvLinkedToDevZeroOrDevUrandomIsRefusedAtOnce(@TempDir Path dir) throws IOException {
    Path conf = conf(dir, CONF);
    symlink(dir.resolve(".env"), "/dev/zero");
    assertThat(validate(conf).err()).isEqualTo("runway: " + dir.resolve(".env") + ": dotenv file is not a regular"
        + " file (a device, pipe or socket); Runway reads only regular files, so point at the file itself" + NL);
    Files.delete(dir.resolve(".env"));
    symlink(dir.resolve(".env.production"), "/dev/urandom");
    assertThat(validate(conf).err()).contains(dir.resolve(".env.production") + ": dotenv file is not a regular file");
  }

  @Test
  void aFifoInPlaceOfEnvProductionIsRefusedAtOnce(@TempDir Path dir) throws Exception {
    Path conf = conf(dir, CONF);
    assumeTrue(mkfifo(dir.resolve(".env.production")), "mkfifo");
    assertThat(validate(conf).err()).contains(dir.resolve(".env.production") + ": dotenv file is not a regular file");
  }

  @Test
  void anEnvDirThatIsMissingOrAFileIsAUsageError(@TempDir Path dir) throws IOException {
    Path conf = conf(dir, CONF);
    Path missing = dir.resolve("nope");
    assertThat(refused("validate", "--config", conf.toString(), "--env", "production", "--env-dir", missing.toString())
        .err()).isEqualTo("runway: " + missing + ": --env-dir does not exist; pass the folder that holds the .env files"
        + NL);
    assertThat(refused("validate", "--config", conf.toString(), "--env", "production", "--env-dir", conf.toString())
        .err()).isEqualTo("runway: " + conf + ": --env-dir is a file, not a folder; pass the folder that holds the .env"
        + " files" + NL);
  }

  // ------------------------------------------------------------------ render.yaml, vercel.json, key files

  @Test
  void renderYamlAsFifoOrDeviceIsRefusedAtOnce(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("render.yaml");
    symlink(yaml, "/dev/zero");
    assertThat(refused("render", "check", "--file", yaml.toString()).err()).isEqualTo("runway: " + yaml
        + ": render.yaml is not a regular file (a device, pipe or socket); Runway reads only regular files, so point at"
        + " the file itself" + NL);
    Files.delete(yaml);
    assumeTrue(mkfifo(yaml), "mkfifo");
    assertThat(refused("render", "check", "--file", yaml.toString()).err()).contains("is not a regular file");
  }

  @Test
  void aRenderYamlWithA10MbScalarIsRefusedQuickly(@TempDir Path dir) throws IOException {
    Path yaml = dir.resolve("render.yaml");
    Files.writeString(yaml, "services:\n  - type: web\n    name: " + "x".repeat(10 * 1024 * 1024) + "\n");
    assertThat(refused("render", "check", "--file", yaml.toString()).err()).contains("render.yaml is larger than 5 MB");
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void aRenderYamlWithA2MbScalarIsReadInTime(@TempDir Path dir) throws IOException {
    Path yaml = dir.resolve("render.yaml");
    Files.writeString(yaml, "services:\n  - type: web\n    name: api\n    runtime: node\n    buildCommand: "
        + "x".repeat(2 * 1024 * 1024) + "\n");
    MainTest.Result r = MainTest.run("render", "check", "--file", yaml.toString());
    assertThat(r.err()).doesNotContain("\tat ");
  }

  @Test
  void vercelJsonAsFifoDeviceOr50MbIsRefusedAtOnce(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("vercel.json");
    try (RandomAccessFile f = new RandomAccessFile(json.toFile(), "rw")) {
      f.setLength(50L * 1024 * 1024);
    }
    assertThat(refused("vercel", "check", "--file", json.toString()).err()).isEqualTo("runway: " + json
        + ": vercel.json is larger than 5 MB (50.0 MB), the limit for an input file; check that this is the right file"
        + NL);
    Files.delete(json);
    symlink(json, "/dev/urandom");
    assertThat(refused("vercel", "check", "--file", json.toString()).err()).contains("vercel.json is not a regular file");
    Files.delete(json);
    assumeTrue(mkfifo(json), "mkfifo");
    assertThat(refused("vercel", "check", "--file", json.toString()).err()).contains("vercel.json is not a regular file");
  }

  @Test
  void vercelJsonInUtf16SaysSoInWords(@TempDir Path dir) throws IOException {
    Path json = dir.resolve("vercel.json");
    Files.write(json, "\uFEFF{}".getBytes(StandardCharsets.UTF_16BE));
    assertThat(refused("vercel", "check", "--file", json.toString()).err()).isEqualTo("runway: " + json
        + ":1: vercel.json is not UTF-8 text (UTF-16 with a BOM?); save it as UTF-8" + NL);
  }

  @Test
  void aKeyFileLinkedToDevZeroIsRefusedAtOnce(@TempDir Path dir, @TempDir Path keys) throws IOException {
    Path project = Files.createDirectory(dir.resolve("app"));
    Files.writeString(project.resolve(".env.production"), "PORT=8080\n");
    Path key = keys.resolve("production.key");
    symlink(key, "/dev/zero");
    assertThat(refused("encrypt", "--env", "production", "--env-dir", project.toString(), "--key-file", key.toString())
        .err()).isEqualTo("runway: " + key + ": key file is not a regular file (a device, pipe or socket); Runway reads"
        + " only regular files, so point at the file itself" + NL);
  }

  // ------------------------------------------------------------------ encrypted env files and key files

  private static Path keyFile(Path keys) throws IOException {
    Path key = keys.resolve("production.key");
    Files.writeString(key, dev.runway.security.EnvKey.generate().encoded() + "\n");
    return key;
  }

  @Test
  void anEncryptedEnvFileLinkedToDevZeroIsRefusedAtOnce(@TempDir Path dir, @TempDir Path keys) throws IOException {
    Path project = Files.createDirectory(dir.resolve("app"));
    Path enc = project.resolve(".env.production.enc");
    symlink(enc, "/dev/zero");
    assertThat(refused("decrypt", "--env", "production", "--env-dir", project.toString(), "--key-file",
        keyFile(keys).toString()).err()).isEqualTo("runway: " + enc + ": encrypted env file is not a regular file (a"
        + " device, pipe or socket); Runway reads only regular files, so point at the file itself" + NL);
  }

  @Test
  void anEncryptedEnvFileLinkedToDevZeroIsRefusedWhenTheModelLoadsIt(@TempDir Path dir, @TempDir Path home)
      throws IOException {
    Path conf = conf(dir, CONF);
    Path keys = Files.createDirectories(home.resolve(".config/runway/keys"));
    keyFile(keys);
    symlink(dir.resolve(".env.production.enc"), "/dev/zero");
    String saved = System.getProperty("user.home");
    System.setProperty("user.home", home.toString());
    try {
      assertThat(validate(conf).err()).isEqualTo("runway: " + dir.resolve(".env.production.enc") + ": encrypted env"
          + " file is not a regular file (a device, pipe or socket); Runway reads only regular files, so point at the"
          + " file itself" + NL);
    } finally {
      System.setProperty("user.home", saved);
    }
  }

  @Test
  void anEncryptedEnvFileOver5MbIsRefusedNamingTheLimit(@TempDir Path dir, @TempDir Path keys) throws IOException {
    Path project = Files.createDirectory(dir.resolve("app"));
    Path enc = project.resolve(".env.production.enc");
    try (RandomAccessFile f = new RandomAccessFile(enc.toFile(), "rw")) {
      f.setLength(6L * 1024 * 1024);
    }
    assertThat(refused("decrypt", "--env", "production", "--env-dir", project.toString(), "--key-file",
        keyFile(keys).toString()).err()).isEqualTo("runway: " + enc + ": encrypted env file is larger than 5 MB (6.0"
        + " MB), the limit for an input file; check that this is the right file" + NL);
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void aKeyFileThatIsAFifoIsRefusedWithoutWaitingForAWriter(@TempDir Path dir, @TempDir Path keys) throws Exception {
    Path project = Files.createDirectory(dir.resolve("app"));
    Files.writeString(project.resolve(".env.production"), "PORT=8080\n");
    Path key = keys.resolve("production.key");
    assumeTrue(mkfifo(key), "mkfifo");
    assertThat(refused("encrypt", "--env", "production", "--env-dir", project.toString(), "--key-file", key.toString())
        .err()).isEqualTo("runway: " + key + ": key file is not a regular file (a device, pipe or socket); Runway reads"
        + " only regular files, so point at the file itself" + NL);
  }
}
