package dev.runway.dockersim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.base.RunwayException;
import dev.runway.dockersim.internal.Dockerfile;
import dev.runway.dockersim.internal.DockerfileChecks;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DockerSimProperties {
  private static final dev.runway.App ACME = Acme.app();

  @Provide
  Arbitrary<String> dockerfileish() {
    Arbitrary<String> line = Arbitraries.oneOf(
        Arbitraries.of("FROM python", "FROM a:1 AS b", "CMD [\"x\", \"$PORT\"", "CMD [\"a\",]", "ENV A=\"b c", "ENV K",
            "ARG", "USER", "HEALTHCHECK NONE", "RUN <<EOF", "EOF", "\\", "# escape=`", "ENTRYPOINT []", "CMD --port 99999"),
        Arbitraries.strings().ofMaxLength(40));
    return line.list().ofMaxSize(12).map(l -> String.join("\n", l));
  }

  @Property(tries = 300)
  void dockerfileParsingAndChecksNeverThrow(@ForAll("dockerfileish") String text) throws Exception {
    List<Dockerfile.Instruction> parsed = Dockerfile.parse(text);
    assertThat(parsed).allSatisfy(i -> assertThat(i.line()).isPositive());
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("dockerfile-prop");
    try {
      java.nio.file.Path f = dir.resolve("Dockerfile");
      java.nio.file.Files.writeString(f, text);
      assertThat(DockerfileChecks.check(f, Path.of("Dockerfile"), dir, Path.of("."), Optional.empty(), Set.of()))
          .allSatisfy(p -> assertThat(p.origin()).isPresent());
    } finally {
      try (var s = java.nio.file.Files.list(dir)) {
        for (Path p : s.toList()) java.nio.file.Files.delete(p);
      }
      java.nio.file.Files.delete(dir);
    }
  }

  @Property(tries = 300)
  void badComposeTextYieldsOnlyRunwayExceptionsWithAnOrigin(@ForAll("composeish") String text) {
    try {
      ComposeFile c = ComposeFile.parse(text);
      DockerSim.parity(ACME, dev.runway.env.Environment.PRODUCTION, c);
    } catch (RunwayException e) {
      assertThat(e.origin()).isPresent();
    }
  }

  @Provide
  Arbitrary<String> composeish() {
    Arbitrary<String> line = Arbitraries.oneOf(
        Arbitraries.of("services:", "  api:", "    environment:", "      - PORT", "      PORT: [1", "    ports: 5",
            "    healthcheck: x", "    deploy: {resources: {limits: {memory: lots}}}", "    env_file: 3", "  api:",
            "    command: [1, 2]", "- x", "{", "\t"),
        Arbitraries.strings().ofMaxLength(30));
    return line.list().ofMaxSize(10).map(l -> String.join("\n", l));
  }

  @Property(tries = 200)
  void maskedLogLinesNeverHoldTheSecret(@ForAll("secrets") String secret, @ForAll String prefix, @ForAll String suffix) {
    String masked = maskWith(secret, prefix + secret + suffix + secret);
    assertThat(masked).doesNotContain(secret);
  }

  @Provide
  Arbitrary<String> secrets() {
    return Arbitraries.strings().alpha().numeric().ofMinLength(6).ofMaxLength(40);
  }

  private static String maskWith(String secret, String line) {
    return dev.runway.dockersim.internal.LogPump.forMasking(List.of(secret)).mask(line);
  }
}
