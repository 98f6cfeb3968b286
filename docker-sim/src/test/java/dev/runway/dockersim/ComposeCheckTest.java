package dev.runway.dockersim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.dockersim.internal.ComposeChecks;
import dev.runway.render.YamlTree;
import dev.runway.testkit.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ComposeCheckTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private Problems check(String yaml) throws IOException {
    return DockerSim.checkCompose(write("compose.yaml", yaml));
  }

  private static List<String> codes(Problems problems) {
    return problems.all().stream().map(p -> p.code() + "@" + p.origin().orElseThrow().line()).toList();
  }

  // --- merge keys ------------------------------------------------------------------------------

  @Test
  void mergeKeysLetKeysBesideThemWinAndTheFirstMergedMapWin() {
    YamlTree.Node api = ComposeFile.parse("""
        x-a: &a
          image: from-a
          restart: always
        x-b: &b
          image: from-b
          env_file: b.env
          user: from-b
        services:
          api:
            user: mine
            <<: [*a, *b]
        """).root().get("services").orElseThrow().get("api").orElseThrow();
    assertThat(api.plain()).isEqualTo(Map.of("image", "from-a", "restart", "always", "env_file", "b.env", "user", "mine"));
    // Lines point where each field is written: in the anchor, or beside <<.
    assertThat(api.keyLine("env_file")).isEqualTo(6);
    assertThat(api.keyLine("image")).isEqualTo(2);
    assertThat(api.keyLine("user")).isEqualTo(10);
  }

  @Test
  void nestedAnchorsMergeThroughEachOther() {
    YamlTree.Node web = ComposeFile.parse("""
        x-base: &base
          env_file: .env
          image: base
        x-web: &web
          <<: *base
          image: web
        services:
          web:
            <<: *web
            ports: ["3000:3000"]
        """).root().get("services").orElseThrow().get("web").orElseThrow();
    assertThat(web.get("env_file").flatMap(YamlTree.Node::scalarText)).contains(".env");
    assertThat(web.get("image").flatMap(YamlTree.Node::scalarText)).contains("web");
    assertThat(web.keyLine("env_file")).isEqualTo(2);
  }

  @Test
  void aliasesOfScalarsAndListsResolve() {
    YamlTree.Node env = ComposeFile.parse("""
        services:
          a:
            image: x
            environment:
              CA: &ca /etc/ssl/ca.crt
              OTHER_CA: *ca
        """).root().get("services").orElseThrow().get("a").orElseThrow().get("environment").orElseThrow();
    assertThat(env.get("OTHER_CA").flatMap(YamlTree.Node::scalarText)).contains("/etc/ssl/ca.crt");
  }

  @Test
  void anEnvFileInheritedFromAnAnchorIsNotMissingForParity() {
    // The issue: an env_file inherited with <<: *defaults was reported as missing.
    String generated = DockerSim.compose(Acme.app(), dev.runway.env.Environment.PRODUCTION).toYaml();
    assertThat(DockerSim.parity(Acme.app(), dev.runway.env.Environment.PRODUCTION, ComposeFile.parse(generated)).all())
        .noneMatch(p -> p.subject().endsWith(".env_file"));
    String envFileLine = generated.lines().filter(l -> l.trim().startsWith("env_file")).findFirst().orElseThrow();
    int at = generated.indexOf(envFileLine);
    int end = generated.indexOf("\n    ports:", at);
    String envBlock = generated.substring(at, end);
    String viaAnchor = "x-env: &env\n" + envBlock.replace("\n    ", "\n  ").replaceFirst("^    ", "  ") + "\n"
        + generated.replace(envBlock, "    <<: *env");
    assertThat(ComposeFile.parse(viaAnchor).root().get("services").orElseThrow().get("api").orElseThrow().get("env_file"))
        .isPresent();
    assertThat(DockerSim.parity(Acme.app(), dev.runway.env.Environment.PRODUCTION, ComposeFile.parse(viaAnchor)).all())
        .noneMatch(p -> p.subject().endsWith(".env_file"));
  }

  @Test
  void badYamlIsAParseErrorWithTheLine() {
    assertThatThrownBy(() -> ComposeFile.parse("services:\n  a:\n    image: x\n    image: y\n"))
        .isInstanceOf(RunwayException.ParseFailed.class)
        .hasMessage("docker-compose.yml:4: image: is declared twice (first at line 3); remove one of them");
    assertThatThrownBy(() -> ComposeFile.parse("services:\n  a:\n    <<: *nowhere\n"))
        .isInstanceOf(RunwayException.ParseFailed.class)
        .hasMessage("docker-compose.yml:3: compose file: *nowhere refers to no anchor; define &nowhere before it is used");
    assertThatThrownBy(() -> ComposeFile.parse("x: &x 1\nservices:\n  a:\n    <<: *x\n"))
        .isInstanceOf(RunwayException.ParseFailed.class)
        .hasMessage("docker-compose.yml:4: compose file: <<: merges maps only; write <<: *anchor or <<: [*a, *b] with"
            + " anchors on maps");
  }

  // --- checkCompose ----------------------------------------------------------------------------

  @Test
  void aCleanFileHasNoProblems() throws IOException {
    write(".env", "A=1\n");
    assertThat(check("""
        name: shop
        x-common: &common
          restart: unless-stopped
        services:
          api:
            <<: *common
            build: ./api
            env_file: .env
            environment:
              DATABASE_URL: ${DATABASE_URL}
              POSTGRES_PASSWORD_FILE: /run/secrets/db
              LOG_LEVEL: info
            ports: ["127.0.0.1:8080:8080", "9000"]
            depends_on: [db]
            networks: [back]
            volumes: ["./data:/data", "cache:/cache", "/tmp"]
            x-notes: kept
          db:
            <<: *common
            image: postgres:16
            ports:
              - target: 5432
                published: "5432"
        networks:
          back: {}
        volumes:
          cache:
        """).all()).isEmpty();
  }

  @Test
  void aMissingEnvFileIsAnErrorAtItsLineUnlessNotRequired() throws IOException {
    write(".env.example", "A=\n");
    Problems problems = check("""
        services:
          api:
            image: api
            env_file:
              - .env
              - path: ./local.env
                required: false
              - path: ./other.env
                required: true
        """);
    assertThat(problems.all()).extracting(Problem::text).containsExactly(
        dir.resolve("compose.yaml") + ":5: services.api.env_file: .env does not exist (relative to the compose file), and"
            + " Docker Compose stops with \"env file not found\"; create it from the template: cp .env.example .env, or mark"
            + " it optional: env_file: [{path: .env, required: false}]",
        dir.resolve("compose.yaml") + ":8: services.api.env_file: ./other.env does not exist (relative to the compose file),"
            + " and Docker Compose stops with \"env file not found\"; create ./other.env, or mark it optional: env_file:"
            + " [{path: ./other.env, required: false}]");
    assertThat(problems.errors()).hasSize(2);
  }

  @Test
  void anEnvFileInheritedByTwoServicesIsReportedOnceAtTheAnchor() throws IOException {
    Problems problems = check("""
        x-env: &env
          env_file: missing.env
        services:
          a:
            <<: *env
            image: a
          b:
            <<: *env
            image: b
        """);
    assertThat(codes(problems)).containsExactly("MISSING@2");
  }

  @Test
  void literalSecretsInEnvironmentAreWarningsThatNeverShowTheValue() throws IOException {
    String key = "sk-proj-" + "abcdefghijklmnopqrstuvwx";
    Problems problems = check("""
        services:
          api:
            image: api
            environment:
              POSTGRES_PASSWORD: hunter2-very-secret
              SOME_SETTING: %s
              JWT_SECRET: ${JWT_SECRET}
              TOKEN_TTL: "3600"
              EMPTY_PASSWORD:
          worker:
            image: w
            environment:
              - STRIPE_API_KEY=rk_live_notshownnotshown
        """.formatted(key));
    assertThat(codes(problems)).containsExactly("LEAK@5", "LEAK@6", "LEAK@13");
    assertThat(problems.warnings()).hasSize(3);
    assertThat(problems.toText() + problems.toJson()).doesNotContain("hunter2").doesNotContain(key).doesNotContain("notshown");
    assertThat(problems.all().get(1).text()).isEqualTo(dir.resolve("compose.yaml") + ":6: services.api.environment.SOME_SETTING:"
        + " holds a value shaped like an OpenAI API key (sk-... or sk-proj-...) in the compose file, which everyone who can"
        + " read the repository sees (the value is not shown); write SOME_SETTING: ${SOME_SETTING} and set SOME_SETTING in"
        + " .env (gitignored), or load it with env_file");
  }

  @Test
  void yamlErrorsAndDuplicateKeysAreProblemsWithTheLine() throws IOException {
    assertThat(codes(check("services:\n  a:\n    image: x\n   bad indent: [\n"))).containsExactly("MALFORMED@4");
    Problems dup = check("services:\n  a:\n    image: x\n  a:\n    image: y\n");
    assertThat(dup.all()).extracting(Problem::text)
        .containsExactly(dir.resolve("compose.yaml") + ":4: a: is declared twice (first at line 2); remove one of them");
  }

  @Test
  void unknownFieldsAreErrorsWithTheLikelyNameAndExtensionsAreAccepted() throws IOException {
    Problems problems = check("""
        x-anything: {a: 1}
        servces: {}
        services:
          api:
            image: api
            enviroment: {A: "1"}
            x-mine: ok
        """);
    assertThat(problems.all()).extracting(Problem::text).containsExactly(
        dir.resolve("compose.yaml") + ":2: servces: is not a top-level key in the Compose specification; Docker Compose"
            + " refuses the file (\"additional properties not allowed\"); did you mean services?",
        dir.resolve("compose.yaml") + ":6: services.api.enviroment: is not a service field in the Compose specification;"
            + " Docker Compose refuses the file (\"additional properties not allowed\"); did you mean environment?");
  }

  @Test
  void theObsoleteVersionIsAWarning() throws IOException {
    Problems problems = check("version: \"3.8\"\nservices:\n  a:\n    image: x\n");
    assertThat(problems.all()).extracting(Problem::toString).containsExactly("WARNING OBSOLETE " + dir.resolve("compose.yaml")
        + ":1: version: is obsolete: Docker Compose ignores it and warns on every run; remove the version line");
  }

  @Test
  void aHostPortPublishedTwiceIsAConflictUnlessProfilesKeepThemApart() throws IOException {
    assertThat(codes(check("""
        services:
          a:
            image: a
            ports: ["8080:80"]
          b:
            image: b
            ports: ["0.0.0.0:8080:8080"]
          c:
            image: c
            ports: ["8080:80/udp", "127.0.0.2:9000:1", "9000:2"]
        """))).containsExactly("CONFLICT@7", "CONFLICT@10");
    assertThat(check("""
        services:
          a:
            image: a
            profiles: [dev]
            ports: ["8080:80"]
          b:
            image: b
            profiles: [prod]
            ports: ["8080:80"]
        """).all()).isEmpty();
  }

  @Test
  void portsThatAreNotMappingsAreErrors() throws IOException {
    assertThat(codes(check("""
        services:
          a:
            image: a
            ports: ["80:70000", "http", "8080:80/tcpx", {published: 80}]
        """))).containsExactly("MALFORMED@4", "MALFORMED@4", "MALFORMED@4", "MALFORMED@4");
  }

  @Test
  void referencesToWhatTheFileDoesNotDeclareAreErrors() throws IOException {
    Problems problems = check("""
        services:
          api:
            build: .
            depends_on: [dbb]
            networks: [back]
            volumes: ["data:/data", "./src:/src"]
            secrets: [token]
          db:
            image: postgres
          nothing: {}
        networks:
          front: {}
        """);
    assertThat(codes(problems)).containsExactly("MISSING@4", "MISSING@5", "MISSING@6", "MISSING@7", "MISSING@10");
    assertThat(problems.all().get(0).text()).isEqualTo(dir.resolve("compose.yaml") + ":4: services.api.depends_on: names dbb,"
        + " which is not a service in this file; Docker Compose refuses the file (\"depends on undefined service\"); did you"
        + " mean db?");
  }

  @Test
  void anOverrideFileMayReferToWhatItsBaseFileDeclares() throws IOException {
    Path override = write("docker-compose.override.yml", "services:\n  api:\n    depends_on: [db]\n    networks: [back]\n");
    assertThat(DockerSim.checkCompose(override).all()).isEmpty();
  }

  @Test
  void anUnreadableFileIsAProblemNotAnException() {
    assertThat(codes(DockerSim.checkCompose(dir.resolve("absent.yml")))).containsExactly("MISSING@0");
  }

  @Test
  void theFieldListsAreTheComposeSpecs() {
    JsonNode spec = JsonMapper.builder().build().readTree(Specs.read("compose/compose-spec.json"));
    assertThat(new TreeSet<>(ComposeChecks.TOP_LEVEL)).isEqualTo(new TreeSet<>(spec.get("properties").propertyNames()));
    assertThat(new TreeSet<>(ComposeChecks.SERVICE_FIELDS))
        .isEqualTo(new TreeSet<>(spec.get("definitions").get("service").get("properties").propertyNames()));
  }

  @Test
  void aComposeFileThatIsNotUtf8SaysSoInWordsNotByAnExceptionsName() throws IOException {
    Path file = dir.resolve("docker-compose.yml");
    Files.write(file, new byte[] {(byte) 0xFF, (byte) 0xFE, 's', 0, ':', 0});
    assertThat(ComposeChecks.check(file)).extracting(Problem::text).containsExactly(
        file + ":1: compose file: is not UTF-8 text (UTF-16 with a BOM?); save it as UTF-8");
    Files.write(file, "services:\n  api:\n    image: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertThat(ComposeChecks.check(file)).extracting(Problem::text).containsExactly(
        file + ":3: compose file: is not UTF-8 text (byte 32 is not valid UTF-8); save it as UTF-8");
    Files.write(file, new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, (byte) 0xC3, 0x28});
    assertThat(ComposeChecks.check(file)).extracting(Problem::text).containsExactly(
        file + ":1: compose file: is not UTF-8 text (byte 9 is not valid UTF-8); save it as UTF-8");
  }
}
